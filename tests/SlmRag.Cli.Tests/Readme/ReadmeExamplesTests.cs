using System.Diagnostics;
using System.Text.RegularExpressions;
using SlmRag.Testing;

namespace SlmRag.Cli.Tests.Readme;

/// <summary>
/// The README's shell examples, run as written against a started service (the real <c>slmrag serve</c> on
/// 127.0.0.1 with the sample corpus) so they cannot drift. Every ```bash block carries a marker on the line
/// before it: <c>&lt;!-- readme-test: run --&gt;</c>, or <c>&lt;!-- readme-test: skip: REASON --&gt;</c> where it
/// cannot run here (Docker, the start script itself, benchmarks).
/// </summary>
public sealed partial class ReadmeExamplesTests
{
    private sealed record Block(int Line, string Marker, string Script);

    [GeneratedRegex(@"^<!-- readme-test: (run|skip: \S.*) -->$")]
    private static partial Regex Marker();

    private static string ReadmePath => Path.Combine(RepositoryPaths.Root, "README.md");

    [Fact]
    public void Every_shell_block_is_marked_run_or_skip_with_a_reason()
    {
        var blocks = Blocks();

        Assert.True(blocks.Count(b => b.Marker == "run") >= 5, "the README has fewer than five runnable blocks");
        Assert.All(blocks, b => Assert.True(b.Marker == "run" || Marker().IsMatch(b.Marker), $"README.md line {b.Line}: a shell block without a readme-test marker (found '{b.Marker}')"));
    }

    [Fact]
    public async Task The_runnable_blocks_succeed_against_a_started_service()
    {
        RepositoryPaths.RequireTool("curl");
        RepositoryPaths.RequireTool("jq");
        using var data = new TempDirectory();
        var port = SlmRagProcess.FreeLoopbackPort();
        using var service = SlmRagProcess.Start(["serve", "--ingest", Path.Combine(RepositoryPaths.Root, "corpora", "handbook"), "--collection", "handbook",
            "--urls", $"http://127.0.0.1:{port}", "--data-dir", data.Path]);
        var deadline = Stopwatch.StartNew();
        while (!service.Output.Contains("'handbook' is ready", StringComparison.Ordinal))
        {
            Assert.False(service.HasExited, service.Output);
            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(2), $"the service did not finish ingesting the sample corpus:\n{service.Output}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        foreach (var block in Blocks().Where(b => b.Marker == "run"))
        {
            var script = block.Script.Replace("localhost:5080", $"127.0.0.1:{port}", StringComparison.Ordinal).Replace("127.0.0.1:5080", $"127.0.0.1:{port}", StringComparison.Ordinal);
            var (exit, output) = await RunBashAsync(script, data.Path);
            Assert.True(exit == 0, $"README.md block at line {block.Line} exited {exit}:\n{script}\n--- output ---\n{output}");
            Assert.DoesNotContain("curl: (", output, StringComparison.Ordinal);
        }
    }

    private static List<Block> Blocks()
    {
        var lines = File.ReadAllLines(ReadmePath);
        var blocks = new List<Block>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() is not ("```bash" or "```sh" or "```shell" or "```console"))
            {
                continue;
            }

            var marker = i > 0 ? lines[i - 1].Trim() : string.Empty;
            var end = Array.FindIndex(lines, i + 1, l => l.Trim() == "```");
            Assert.True(end > i, $"README.md line {i + 1}: unclosed code block");
            blocks.Add(new Block(i + 1, marker == "<!-- readme-test: run -->" ? "run" : marker, string.Join('\n', lines[(i + 1)..end])));
            i = end;
        }

        return blocks;
    }

    private static async Task<(int ExitCode, string Output)> RunBashAsync(string script, string dataDirectory)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        foreach (var argument in new[] { "-euo", "pipefail", "-c", script })
        {
            start.ArgumentList.Add(argument);
        }

        // ./slmrag runs the CLI built beside these tests, on the started service's data directory.
        start.Environment["SLMRAG_DLL"] = Path.Combine(AppContext.BaseDirectory, "slmrag.dll");
        start.Environment["Storage__DataDirectory"] = dataDirectory;
        start.Environment["Embeddings__Provider"] = "None";
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output + await errors);
    }
}

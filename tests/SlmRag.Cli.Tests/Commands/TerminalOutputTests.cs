using System.Diagnostics;
using System.Text.RegularExpressions;
using SlmRag.Testing;

namespace SlmRag.Cli.Tests.Commands;

/// <summary>
/// What the CLI prints: colour codes only on a terminal without NO_COLOR (checked in a real pseudo-terminal
/// made by util-linux <c>script</c>), and tables that fit the width they are given.
/// </summary>
public sealed partial class TerminalOutputTests
{
    [GeneratedRegex(@"\u001b\[[0-9;]*m")]
    private static partial Regex ColourCode();

    [Fact]
    public async Task Piped_tables_fit_80_columns_and_carry_no_colour_codes()
    {
        using var directory = new TempDirectory();
        var data = Path.Combine(directory.Path, "data");
        directory.File("docs/a-rather-long-folder-name/with-a-long-file-name-about-annual-leave.md",
            "# Annual leave policy for every employee of the company\n\nFull-time employees receive 27 days of paid annual leave per calendar year, on top of public holidays, and carry over five.\n");
        directory.File("docs/travel.md", "# Travel\n\nTake the train for trips under four hours door to door.\n");
        var narrow = new Dictionary<string, string> { ["COLUMNS"] = "80" };
        var (ingestExit, ingestOutput) = await SlmRagProcess.RunAsync(["ingest", Path.Combine(directory.Path, "docs"), "-c", "hr", "--data-dir", data], narrow);
        Assert.True(ingestExit == 0, ingestOutput);

        foreach (var command in new[] { new[] { "documents", "-c", "hr" }, ["jobs"], ["collections"], ["search", "annual leave days", "-c", "hr"] })
        {
            var (exit, output) = await SlmRagProcess.RunAsync([.. command, "--data-dir", data], narrow);
            Assert.True(exit == 0, output);
            Assert.DoesNotMatch(ColourCode(), output);
            var lines = output.ReplaceLineEndings("\n").Split('\n');
            Assert.True(lines.All(l => l.TrimEnd().Length <= 80), $"{string.Join(' ', command)} printed lines over 80 columns:\n{output}");
            Assert.True(lines.Length >= 2, output);
        }

        var (_, search) = await SlmRagProcess.RunAsync(["search", "annual leave days", "-c", "hr", "--data-dir", data], narrow);
        Assert.Contains("Annual leave policy", search);
        Assert.Contains("…", search);
    }

    [Fact]
    public async Task Colour_appears_on_a_terminal_and_not_with_NO_COLOR()
    {
        RepositoryPaths.RequireTool("script");
        using var directory = new TempDirectory();
        var styled = await InTerminalAsync(["collections", "--data-dir", directory.Path], noColor: false);
        var plain = await InTerminalAsync(["collections", "--data-dir", directory.Path], noColor: true);

        Assert.Matches(ColourCode(), styled);
        Assert.Contains("COLLECTION", plain);
        Assert.DoesNotMatch(ColourCode(), plain);
    }

    /// <summary>Runs slmrag with its output on a pseudo-terminal, as a person at a terminal would.</summary>
    private static async Task<string> InTerminalAsync(string[] arguments, bool noColor)
    {
        var command = string.Join(' ', new[] { "dotnet", Path.Combine(AppContext.BaseDirectory, "slmrag.dll") }.Concat(arguments).Select(a => $"'{a}'"));
        var start = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var argument in new[] { "-qec", command, "/dev/null" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Embeddings__Provider"] = "None";
        start.Environment["TERM"] = "xterm-256color";
        start.Environment.Remove("NO_COLOR");
        if (noColor)
        {
            start.Environment["NO_COLOR"] = "1";
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, output + await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken));
        return output;
    }
}

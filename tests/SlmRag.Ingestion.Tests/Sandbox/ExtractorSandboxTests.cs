using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Documents;
using SlmRag.Core.Extraction;
using SlmRag.Core.Ingestion;
using SlmRag.Core.Jobs;
using SlmRag.Ingestion.Pipeline;
using SlmRag.Testing;
using SlmRag.Testing.Hostile;

namespace SlmRag.Ingestion.Tests.Sandbox;

/// <summary>The sandbox itself: a hang, an out-of-memory and a crash of the child each fail one document, and the next one is served.</summary>
public sealed class ExtractorSandboxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<ExtractedDocument> ExtractAsync(IngestionHarness harness, SourceFormat format, string path) =>
        harness.Services.GetRequiredService<ExtractorRegistry>().For(format).ExtractAsync(new ExtractionInput(path, Path.GetFileName(path)), Ct);

    [Fact]
    public async Task A_child_that_blocks_is_stopped_at_the_deadline_and_the_next_document_is_served()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Uses a named pipe (mkfifo) as a file whose read never ends.");
        using var temp = new TempDirectory();
        var fifo = Path.Combine(temp.Path, "never.txt");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync(Ct);
        }

        using var harness = new IngestionHarness(new Dictionary<string, string?> { ["Ingestion:Sandbox:TimeoutSeconds"] = "2", ["Ingestion:Pdf:TimeoutSeconds"] = "2" });
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<IngestionException>(() => ExtractAsync(harness, SourceFormat.PlainText, fifo));
        var next = await ExtractAsync(harness, SourceFormat.PlainText, temp.File("next.txt", "Served after the hang."));

        Assert.Equal(IngestionError.Timeout, error.Error);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"The hang held the caller for {watch.Elapsed}.");
        Assert.Equal("Served after the hang.", next.Text);
    }

    [Fact]
    public async Task A_document_that_outgrows_the_memory_limit_fails_too_large()
    {
        using var temp = new TempDirectory();
        using var harness = new IngestionHarness(new Dictionary<string, string?> { ["Ingestion:Sandbox:MemoryLimitMegabytes"] = "128" });
        var html = HostileFiles.ManyParagraphsHtml(temp.Path);

        var error = await Assert.ThrowsAsync<IngestionException>(() => ExtractAsync(harness, SourceFormat.Html, html));
        var next = await ExtractAsync(harness, SourceFormat.PlainText, temp.File("next.txt", "Still served."));

        Assert.Equal(IngestionError.TooLarge, error.Error);
        Assert.Contains("memory", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Still served.", next.Text);
    }

    [Fact]
    public async Task A_child_that_dies_fails_only_its_document_with_extractor_crashed()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Uses a named pipe and kill -9.");
        using var temp = new TempDirectory();
        var fifo = Path.Combine(temp.Path, "held.txt");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            await mkfifo.WaitForExitAsync(Ct);
        }

        using var harness = new IngestionHarness();
        // Children of earlier tests (one may still be leaving, blocked on its own FIFO) are not this test's.
        var earlier = await ExtractorChildrenAsync();
        var extraction = ExtractAsync(harness, SourceFormat.PlainText, fifo);
        // The child is busy reading the pipe: kill it from outside, as the kernel would on a stack overflow or an abort.
        var child = await ChildHoldingAsync(fifo, earlier);
        using (var kill = Process.Start("kill", ["-9", child.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(Ct);
        }

        var error = await Assert.ThrowsAsync<IngestionException>(() => extraction);
        var next = await ExtractAsync(harness, SourceFormat.PlainText, temp.File("after.txt", "The document after the crash."));

        Assert.Equal(IngestionError.ExtractorCrashed, error.Error);
        Assert.Contains("exit code 137", error.Message, StringComparison.Ordinal);
        Assert.Equal("The document after the crash.", next.Text);
    }

    /// <summary>
    /// The extractor child that holds <paramref name="openFile"/> open: other test classes run their own children of
    /// this process at the same time, and killing one of theirs would fail their test instead of this one.
    /// </summary>
    private static async Task<int> ChildHoldingAsync(string openFile, IReadOnlySet<string> earlier)
    {
        for (var i = 0; i < 200; i++)
        {
            foreach (var pid in (await ExtractorChildrenAsync()).Except(earlier))
            {
                if (Holds(pid, openFile))
                {
                    return int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            await Task.Delay(50, Ct);
        }

        throw new TimeoutException($"No slmrag-extract child opened {openFile}.");
    }

    private static async Task<IReadOnlySet<string>> ExtractorChildrenAsync()
    {
        using var pgrep = Process.Start(new ProcessStartInfo("pgrep", ["-P", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", "slmrag-extract"]) { RedirectStandardOutput = true })!;
        var output = await pgrep.StandardOutput.ReadToEndAsync(Ct);
        await pgrep.WaitForExitAsync(Ct);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
    }

    private static bool Holds(string pid, string openFile)
    {
        try
        {
            // Opening a FIFO without a writer blocks in the kernel's wait_for_partner, before any descriptor exists;
            // only this test class opens FIFOs, so that wait identifies the child.
            // The open runs on one of the child's threads, so every thread's wait is read.
            return Directory.EnumerateDirectories($"/proc/{pid}/task").Any(task => File.ReadAllText(Path.Combine(task, "wchan")).Trim() == "wait_for_partner")
                || Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd").Any(fd => string.Equals(new FileInfo(fd).LinkTarget, openFile, StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // the process left meanwhile
        }
    }

    [Fact]
    public async Task Sandboxed_and_in_process_extraction_give_the_same_document()
    {
        var corpus = Path.Combine(RepositoryPaths.Corpora, "handbook");
        using var sandboxed = new IngestionHarness();
        using var inProcess = new IngestionHarness(new Dictionary<string, string?> { ["Ingestion:Sandbox:Enabled"] = "false" });
        foreach (var (file, format) in new[] { ("finance/procurement-policy.docx", SourceFormat.Docx), ("office/public-holidays-2026.xlsx", SourceFormat.Xlsx), ("it/helpdesk.html", SourceFormat.Html) })
        {
            var path = Path.Combine(corpus, file);
            var a = await ExtractAsync(sandboxed, format, path);
            var b = await ExtractAsync(inProcess, format, path);
            Assert.Equal(b.Text, a.Text);
            Assert.Equal(b.Blocks, a.Blocks, (x, y) => x.Start == y.Start && x.End == y.End && x.Kind == y.Kind && x.SectionPath.SequenceEqual(y.SectionPath));
            Assert.Equal(b.Title, a.Title);
        }
    }
}

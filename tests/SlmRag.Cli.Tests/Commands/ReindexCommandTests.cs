using System.Diagnostics;
using System.Net;
using SlmRag.Testing;

namespace SlmRag.Cli.Tests.Commands;

public sealed class ReindexCommandTests
{
    [Fact]
    public async Task After_a_model_change_search_is_refused_until_the_collection_is_reindexed()
    {
        using var data = new TempDirectory();
        using var input = new TempDirectory();
        input.File("leave.md", "# Time off\n\nAnnual leave and sick leave.");
        input.File("it.md", "# IT\n\nPasswords and phishing.");
        var table = Path.Combine(data.Path, "tiny.slmvec");
        TinyWordVectors.Write(table);
        var modelA = new Dictionary<string, string> { ["Embeddings__Provider"] = "Static", ["Embeddings__Static__Path"] = table };
        var modelB = new Dictionary<string, string>(modelA) { ["Embeddings__Static__Smoothing"] = "0.05" };
        string[] search = ["search", "holiday vacation", "-c", "hr", "--mode", "Dense", "-n", "1", "--data-dir", data.Path];

        var ingest = await SlmRagProcess.RunAsync(["ingest", input.Path, "-c", "hr", "--data-dir", data.Path], modelA);
        var before = await SlmRagProcess.RunAsync(search, modelB);
        var reindex = await SlmRagProcess.RunAsync(["reindex", "-c", "hr", "--data-dir", data.Path], modelB);
        var after = await SlmRagProcess.RunAsync(search, modelB);

        Assert.Equal(0, ingest.ExitCode);
        Assert.Equal(2, before.ExitCode);
        Assert.Contains("slmrag reindex --collection hr", before.Output, StringComparison.Ordinal);
        Assert.Equal(0, reindex.ExitCode);
        Assert.Contains("Re-embedded 2 chunks", reindex.Output, StringComparison.Ordinal);
        Assert.Equal(0, after.ExitCode);
        Assert.Contains("Time off", after.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_collection_embedded_with_the_old_default_is_refused_by_MiniLM_until_reindexed_with_progress_lines()
    {
        using var data = new TempDirectory();
        using var input = new TempDirectory();
        input.File("leave.md", "# Time off\n\nAnnual leave is 27 days a year; sick leave is separate.");
        input.File("it.md", "# IT\n\nPasswords, phishing and the VPN.");
        var table = Path.Combine(data.Path, "tiny.slmvec");
        TinyWordVectors.Write(table);
        var staticModel = new Dictionary<string, string> { ["Embeddings__Provider"] = "Static", ["Embeddings__Static__Path"] = table };
        var miniLM = new Dictionary<string, string> { ["Embeddings__Provider"] = "MiniLM" };
        string[] search = ["search", "how many vacation days do I get", "-c", "hr", "--mode", "Dense", "-n", "1", "--data-dir", data.Path];

        var ingest = await SlmRagProcess.RunAsync(["ingest", input.Path, "-c", "hr", "--data-dir", data.Path], staticModel);
        var refused = await SlmRagProcess.RunAsync(search, miniLM);
        var reindex = await SlmRagProcess.RunAsync(["reindex", "-c", "hr", "--data-dir", data.Path], miniLM);
        var after = await SlmRagProcess.RunAsync(search, miniLM);
        var oldModel = await SlmRagProcess.RunAsync(search, staticModel);

        Assert.Equal(0, ingest.ExitCode);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("minilm:all-MiniLM-L6-v2", refused.Output, StringComparison.Ordinal);
        Assert.Contains("slmrag reindex --collection hr", refused.Output, StringComparison.Ordinal);
        Assert.Equal(0, reindex.ExitCode);
        // Redirected output: plain progress lines instead of a live bar.
        Assert.Contains("Re-embedding hr with minilm:all-MiniLM-L6-v2: 0/2", reindex.Output, StringComparison.Ordinal);
        Assert.Contains("2/2 (100%)", reindex.Output, StringComparison.Ordinal);
        Assert.Contains("Re-embedded 2 chunks", reindex.Output, StringComparison.Ordinal);
        Assert.Equal(0, after.ExitCode);
        Assert.Contains("Time off", after.Output, StringComparison.Ordinal);
        Assert.Equal(2, oldModel.ExitCode);
    }

    [Fact]
    public async Task Serve_ingest_brings_a_collection_embedded_by_another_model_to_the_configured_one_and_answers()
    {
        using var data = new TempDirectory();
        using var input = new TempDirectory();
        input.File("leave.md", "# Time off\n\nAnnual leave is 27 days a year; sick leave is separate.");
        input.File("it.md", "# IT\n\nPasswords, phishing and the VPN.");
        var float32 = new Dictionary<string, string> { ["Embeddings__Provider"] = "MiniLM", ["Embeddings__MiniLM__Precision"] = "Float32" };
        var ingest = await SlmRagProcess.RunAsync(["ingest", input.Path, "-c", "hr", "--data-dir", data.Path], float32);
        Assert.Equal(0, ingest.ExitCode);

        // The default (Int8) is another fingerprint: without re-embedding, every file and question would be refused.
        var port = SlmRagProcess.FreeLoopbackPort();
        using var service = SlmRagProcess.Start(["serve", "--ingest", input.Path, "--collection", "hr", "--urls", $"http://127.0.0.1:{port}", "--data-dir", data.Path],
            new Dictionary<string, string> { ["Embeddings__Provider"] = "MiniLM" });
        var deadline = Stopwatch.StartNew();
        while (!service.Output.Contains("'hr' is ready", StringComparison.Ordinal))
        {
            Assert.False(service.HasExited, service.Output);
            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(2), service.Output);
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        using var client = new HttpClient();
        var search = await client.PostAsync($"http://127.0.0.1:{port}/v1/collections/hr/search",
            new StringContent("""{"query":"vacation days","mode":"Dense","limit":1}""", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Contains("re-embedding its 2 chunks", service.Output, StringComparison.Ordinal);
        Assert.Contains("re-embedded 2 chunks of 'hr'", service.Output, StringComparison.Ordinal);
        Assert.Contains("'hr' is ready: ask away.", service.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Contains("Time off", await search.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}

using SlmRag.Core.Ingestion;
using SlmRag.Core.Jobs;
using SlmRag.Testing;
using SlmRag.Testing.Hostile;

namespace SlmRag.Ingestion.Tests.Sandbox;

/// <summary>
/// Crafted files in one batch with ordinary ones, through the real worker and the sandboxed extractor: every
/// hostile item ends with a stable code and a reason, within the configured limit, and the others are ingested.
/// </summary>
public sealed class HostileIngestionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_batch_of_crafted_files_fails_item_by_item_and_the_rest_is_ingested()
    {
        using var temp = new TempDirectory();
        using var harness = new IngestionHarness(new Dictionary<string, string?>
        {
            ["Ingestion:Sandbox:TimeoutSeconds"] = "60",
            ["Ingestion:MaxExtractedCharacters"] = "2000000",
        });
        var files = new[]
        {
            HostileFiles.NestedContentControlsDocx(temp.Path),
            HostileFiles.NestedDivsHtml(temp.Path),
            HostileFiles.DeepListMarkdown(temp.Path),
            HostileFiles.QuoteMarkersMarkdown(temp.Path),
            HostileFiles.HugeXlsx(temp.Path, 120_000),
            HostileFiles.NestedArrayPdf(temp.Path),
            temp.File("good.md", "# Expenses\n\nTrain tickets are refunded within thirty days."),
            HostileFiles.PlainDocx(temp.Path, "The canteen opens at eight."),
        };

        var job = await harness.IngestAsync("c", files);

        var byName = job.Items.ToDictionary(i => i.FileName);
        Assert.Equal(IngestionError.Malformed, byName["nested-30000.docx"].Error);
        Assert.Equal(IngestionError.Malformed, byName["nested-200000.html"].Error);
        Assert.Equal(IngestionError.Malformed, byName["list-1000.md"].Error);
        Assert.Equal(IngestionError.Malformed, byName["quotes-100000.md"].Error);
        Assert.Equal(IngestionError.TooLarge, byName["rows-120000.xlsx"].Error);
        // pdftotext refuses it; whether the fallback refuses it too or overflows its stack in the sandbox, the code is stable.
        Assert.Contains(byName["nested-array-200000.pdf"].Error, new IngestionError?[] { IngestionError.Malformed, IngestionError.ExtractorCrashed, IngestionError.NoExtractableText });
        Assert.Equal(JobItemState.Succeeded, byName["good.md"].State);
        Assert.Equal(JobItemState.Succeeded, byName["plain.docx"].State);
        Assert.All(job.Items.Where(i => i.State == JobItemState.Failed), i =>
        {
            Assert.False(string.IsNullOrWhiteSpace(i.Reason));
            Assert.Equal(1, i.Attempts);
            Assert.True(i.FinishedAt - i.StartedAt < TimeSpan.FromSeconds(60), $"{i.FileName} blocked the worker for {i.FinishedAt - i.StartedAt}.");
        });
    }

    [Fact]
    public async Task Malformed_and_encrypted_pdfs_of_the_shared_set_end_with_stable_codes()
    {
        var malformed = RepositoryPaths.RequireShared("documents/pdf-malformed");
        var encrypted = RepositoryPaths.RequireShared("documents/pdf-encrypted");
        using var harness = new IngestionHarness(new Dictionary<string, string?> { ["Ingestion:Sandbox:TimeoutSeconds"] = "30" });
        var files = Directory.GetFiles(malformed, "*.pdf").Concat(Directory.GetFiles(encrypted, "*.pdf")).Order(StringComparer.Ordinal).ToList();
        using var temp = new TempDirectory();
        files.Add(temp.File("control.txt", "A plain control document about parking permits."));

        await harness.CreateCollectionAsync("pdfs");
        var submitted = await harness.SubmitAsync("pdfs", files.Select(f => (f, (string?)null)));
        var job = await harness.DrainAsync(submitted.Id, TimeSpan.FromMinutes(10));

        Assert.Equal(files.Count, job.Items.Count);
        Assert.All(job.Items, i => Assert.True(i.State.IsTerminal()));
        Assert.All(job.Items.Where(i => i.State == JobItemState.Failed), i =>
        {
            Assert.NotEqual(IngestionError.Internal, i.Error);
            Assert.False(string.IsNullOrWhiteSpace(i.Reason));
        });
        Assert.Equal(JobItemState.Succeeded, job.Items.Single(i => i.FileName == "control.txt").State);
    }
}

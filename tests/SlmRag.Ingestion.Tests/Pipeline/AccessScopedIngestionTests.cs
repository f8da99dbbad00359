using SlmRag.Core.Chunking;
using SlmRag.Core.Documents;
using SlmRag.Core.Extraction;
using SlmRag.Core.Jobs;
using SlmRag.Core.Storage;
using SlmRag.Testing;

namespace SlmRag.Ingestion.Tests.Pipeline;

/// <summary>A document's id includes its access list; an item replaces only the documents of its key that its uploader could read.</summary>
public sealed class AccessScopedIngestionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Changing_the_access_list_writes_the_new_id_and_removes_the_old_document()
    {
        using var harness = new IngestionHarness();
        using var temp = new TempDirectory();
        var file = temp.File("leave.md", "# Leave\n\nEmployees get 25 days.\n");
        var open = await harness.IngestAsync("hr", [file]);

        var restricted = await harness.IngestAsync("hr", [file], new DocumentMetadata([], null, ["managers", "hr"]));
        var again = await harness.IngestAsync("hr", [file], new DocumentMetadata([], null, ["hr", "managers"]));

        Assert.Equal(DocumentIds.ForKey("hr", "leave.md"), open.Items[0].DocumentId);
        Assert.Equal((JobItemState.Succeeded, DocumentIds.ForScope("hr", "leave.md", ["hr", "managers"])), (restricted.Items[0].State, restricted.Items[0].DocumentId));
        Assert.Equal((JobItemState.Unchanged, restricted.Items[0].DocumentId), (again.Items[0].State, again.Items[0].DocumentId));
        var document = Assert.Single((await harness.Catalog.ListDocumentsAsync("hr", new DocumentQuery(), Ct)).Documents);
        Assert.Equal((restricted.Items[0].DocumentId, 2), (document.Id, document.Version));
    }

    [Fact]
    public async Task The_item_writes_the_id_recorded_at_upload_and_leaves_documents_its_uploader_cannot_read()
    {
        using var harness = new IngestionHarness();
        using var temp = new TempDirectory();
        await harness.CreateCollectionAsync("hr");
        var eng = new UploaderAccess(["eng"], SeesEverything: false);
        var queued = await harness.SubmitAsync("hr", [(temp.File("plan.md", "# Plan\n\nThe roadmap ships in June.\n"), null)], uploader: eng);
        Assert.Equal(DocumentIds.ForKey("hr", "plan.md"), queued.Items[0].DocumentId);

        // Written after the upload, before the worker runs: a board document of the same key, and an eng one the uploader can read.
        var board = await WriteAsync(harness, "plan.md", "Board plan.", "board");
        var engOnly = await WriteAsync(harness, "plan.md", "Eng plan.", "eng");
        var job = await harness.DrainAsync(queued.Id);

        Assert.Equal((JobItemState.Succeeded, queued.Items[0].DocumentId), (job.Items[0].State, job.Items[0].DocumentId));
        var remaining = await harness.Catalog.GetDocumentsByKeyAsync("hr", "plan.md", Ct);
        Assert.Equal(new[] { board.Id, queued.Items[0].DocumentId! }.Order(StringComparer.Ordinal), remaining.Select(d => d.Id));
        Assert.Null(await harness.Catalog.GetDocumentAsync("hr", engOnly.Id, Ct));
        Assert.Equal("Board plan.", Assert.Single(await harness.Catalog.GetChunksAsync("hr", board.Id, Ct)).Text);
        Assert.Equal(1, remaining.Single(d => d.Id == board.Id).Version);
    }

    private static async Task<DocumentRecord> WriteAsync(IngestionHarness harness, string key, string text, string group)
    {
        var id = DocumentIds.ForScope("hr", key, [group]);
        var now = DateTimeOffset.UnixEpoch;
        var document = new DocumentRecord(id, "hr", key, 1, DocumentIds.HashText(text), "fp", key, SourceFormat.Markdown, key, text.Length, 0, text.Length, 1,
            new DocumentMetadata([], null, [group]), "elsewhere/0", now, now);
        var chunk = new Chunk(DocumentIds.ForChunk(id, 0, DocumentIds.HashText(text)), id, "hr", 0, key, [], null, null, 0, text.Length, 3, DocumentIds.HashText(text), text);
        await harness.Catalog.ReplaceDocumentAsync(document, new DocumentContent(text, []), [chunk], null, Ct);
        return document;
    }
}

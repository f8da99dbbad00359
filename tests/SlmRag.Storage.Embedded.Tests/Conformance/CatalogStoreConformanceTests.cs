using SlmRag.Core.Chunking;
using SlmRag.Core.Collections;
using SlmRag.Core.Documents;
using SlmRag.Core.Extraction;
using SlmRag.Core.Storage;

namespace SlmRag.Storage.Embedded.Tests.Conformance;

/// <summary>What every <see cref="ICatalogStore"/> must do. Each implementation subclasses this suite.</summary>
public abstract class CatalogStoreConformanceTests
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract ICatalogStore Store { get; }

    [Fact]
    public async Task Collections_are_created_once_listed_and_deleted()
    {
        Assert.True(await Store.CreateCollectionAsync(NewCollection("hr"), Ct));
        Assert.False(await Store.CreateCollectionAsync(NewCollection("hr"), Ct));
        Assert.True(await Store.CreateCollectionAsync(NewCollection("it") with { LocalOnly = true }, Ct));

        var all = await Store.ListCollectionsAsync(Ct);

        Assert.Equal(["hr", "it"], all.Select(c => c.Collection.Name));
        Assert.True((await Store.GetCollectionAsync("it", Ct))!.LocalOnly);
        Assert.True(await Store.DeleteCollectionAsync("hr", Ct));
        Assert.False(await Store.DeleteCollectionAsync("hr", Ct));
        Assert.Null(await Store.GetCollectionAsync("hr", Ct));
    }

    [Fact]
    public async Task Replacing_a_document_swaps_all_its_chunks()
    {
        await Store.CreateCollectionAsync(NewCollection("hr"), Ct);
        var v1 = NewDocument("hr", "leave.md", 1);
        await Store.ReplaceDocumentAsync(v1, Content("one two three"), Chunks(v1, "one", "two", "three"), null, Ct);
        var v2 = v1 with { Version = 2, ContentHash = "h2", ChunkCount = 1 };
        await Store.ReplaceDocumentAsync(v2, Content("four"), Chunks(v2, "four"), null, Ct);

        var chunks = await Store.GetChunksAsync("hr", v1.Id, Ct);
        var stored = await Store.GetDocumentAsync("hr", v1.Id, Ct);

        Assert.Equal(["four"], chunks.Select(c => c.Text));
        Assert.Equal(2, stored!.Version);
        Assert.Equal("four", (await Store.GetContentAsync("hr", v1.Id, Ct))!.Text);
        Assert.Equal(1, (await Store.ListCollectionsAsync(Ct)).Single().Chunks);
    }

    [Fact]
    public async Task Documents_round_trip_with_metadata_and_filter_by_tag()
    {
        await Store.CreateCollectionAsync(NewCollection("hr"), Ct);
        var tagged = NewDocument("hr", "a.md", 1) with { Metadata = new DocumentMetadata(["policy", "2026"], "https://x.example/a", ["hr"], "Title A") };
        var plain = NewDocument("hr", "b.md", 1);
        await Store.ReplaceDocumentAsync(tagged, Content("a"), Chunks(tagged, "a"), null, Ct);
        await Store.ReplaceDocumentAsync(plain, Content("b"), Chunks(plain, "b"), null, Ct);

        var read = await Store.GetDocumentAsync("hr", tagged.Id, Ct);
        var filtered = await Store.ListDocumentsAsync("hr", new DocumentQuery(Tag: "policy"), Ct);
        var paged = await Store.ListDocumentsAsync("hr", new DocumentQuery(Skip: 1, Take: 1), Ct);

        Assert.Equal(tagged with { CreatedAt = read!.CreatedAt, UpdatedAt = read.UpdatedAt }, read with { Metadata = tagged.Metadata });
        Assert.True(read.Metadata.SameAs(tagged.Metadata));
        Assert.Equal(["a.md"], filtered.Documents.Select(d => d.Key));
        Assert.Equal((2, "b.md"), (paged.Total, paged.Documents.Single().Key));
    }

    [Fact]
    public async Task Documents_load_together_by_id_and_unknown_ids_are_left_out()
    {
        await Store.CreateCollectionAsync(NewCollection("hr"), Ct);
        await Store.CreateCollectionAsync(NewCollection("it"), Ct);
        var a = NewDocument("hr", "a.md", 1);
        var b = NewDocument("hr", "b.md", 1);
        var other = NewDocument("it", "c.md", 1);
        foreach (var document in new[] { a, b, other })
        {
            await Store.ReplaceDocumentAsync(document, Content("x"), Chunks(document, "x"), null, Ct);
        }

        var loaded = await Store.GetDocumentsAsync("hr", [b.Id, "missing", a.Id, other.Id], Ct);

        Assert.Equal(new[] { "a.md", "b.md" }, loaded.Select(d => d.Key).Order(StringComparer.Ordinal));
        Assert.Empty(await Store.GetDocumentsAsync("hr", [], Ct));
    }

    [Fact]
    public async Task Chunks_keep_their_provenance()
    {
        await Store.CreateCollectionAsync(NewCollection("hr"), Ct);
        var document = NewDocument("hr", "a.pdf", 1);
        var chunk = new Chunk("c1", document.Id, "hr", 0, "A", ["Policy", "Scope"], 2, 3, 10, 20, 5, "hash", "0123456789");
        await Store.ReplaceDocumentAsync(document, new DocumentContent(new string('x', 30), [new PageSpan(1, 0, 10), new PageSpan(2, 10, 30)]), [chunk], null, Ct);

        var read = Assert.Single(await Store.GetChunksAsync("hr", document.Id, Ct));
        var content = await Store.GetContentAsync("hr", document.Id, Ct);

        Assert.Equal(chunk with { SectionPath = read.SectionPath }, read);
        Assert.Equal(chunk.SectionPath, read.SectionPath);
        Assert.Equal([new PageSpan(1, 0, 10), new PageSpan(2, 10, 30)], content!.Pages);
    }

    [Fact]
    public async Task Deleting_a_collection_or_document_removes_what_derives_from_it()
    {
        await Store.CreateCollectionAsync(NewCollection("hr"), Ct);
        await Store.CreateCollectionAsync(NewCollection("it"), Ct);
        var a = NewDocument("hr", "a.md", 1);
        var b = NewDocument("it", "b.md", 1);
        await Store.ReplaceDocumentAsync(a, Content("a"), Chunks(a, "a"), null, Ct);
        await Store.ReplaceDocumentAsync(b, Content("b"), Chunks(b, "b"), null, Ct);

        await Store.DeleteCollectionAsync("hr", Ct);

        Assert.Null(await Store.GetDocumentAsync("hr", a.Id, Ct));
        Assert.Empty(await Store.GetChunksAsync("hr", a.Id, Ct));
        Assert.Single(await Store.GetChunksAsync("it", b.Id, Ct));
        Assert.True(await Store.DeleteDocumentAsync("it", b.Id, Ct));
        Assert.Empty(await Store.GetChunksAsync("it", b.Id, Ct));
        Assert.False(await Store.DeleteDocumentAsync("it", b.Id, Ct));
    }

    [Fact]
    public async Task A_document_is_invisible_from_another_collection()
    {
        await Store.CreateCollectionAsync(NewCollection("hr"), Ct);
        await Store.CreateCollectionAsync(NewCollection("it"), Ct);
        var a = NewDocument("hr", "a.md", 1);
        await Store.ReplaceDocumentAsync(a, Content("a"), Chunks(a, "a"), null, Ct);

        Assert.Null(await Store.GetDocumentAsync("it", a.Id, Ct));
        Assert.Empty(await Store.GetChunksAsync("it", a.Id, Ct));
        Assert.False(await Store.DeleteDocumentAsync("it", a.Id, Ct));
    }

    [Fact]
    public async Task A_key_holds_one_document_per_access_list_and_a_write_can_supersede_the_others_atomically()
    {
        await Store.CreateCollectionAsync(NewCollection("hr"), Ct);
        var open = NewDocument("hr", "plan.md", 1);
        var eng = Scoped(open, "eng");
        var board = Scoped(open, "board");
        foreach (var document in new[] { open, eng, board })
        {
            await Store.ReplaceDocumentAsync(document, Content("x"), Chunks(document, "x"), null, Ct);
        }

        Assert.Equal(3, (await Store.GetDocumentsByKeyAsync("hr", "plan.md", Ct)).Count);
        var widened = Scoped(open, "eng", "it") with { Version = 2 };
        await Store.ReplaceDocumentAsync(widened, Content("y"), Chunks(widened, "y"), null, [open.Id, eng.Id, widened.Id], Ct);

        Assert.Equal(new[] { board.Id, widened.Id }.Order(StringComparer.Ordinal), (await Store.GetDocumentsByKeyAsync("hr", "plan.md", Ct)).Select(d => d.Id));
        Assert.Empty(await Store.GetChunksAsync("hr", eng.Id, Ct));
        Assert.Equal("y", Assert.Single(await Store.GetChunksAsync("hr", widened.Id, Ct)).Text);
        Assert.Empty(await Store.GetDocumentsByKeyAsync("hr", "other.md", Ct));
    }

    private static DocumentRecord Scoped(DocumentRecord document, params string[] groups) => document with
    {
        Id = DocumentIds.ForScope(document.Collection, document.Key, groups),
        Metadata = document.Metadata with { AccessGroups = groups },
    };

    protected static Collection NewCollection(string name) => new(name, null, false, null, DateTimeOffset.UnixEpoch);

    protected static DocumentRecord NewDocument(string collection, string key, int version) =>
        new(DocumentIds.ForKey(collection, key), collection, key, version, "h1", "fp", key, SourceFormat.Markdown, key, 10, 0, 10, 1,
            DocumentMetadata.Empty, "job/0", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    protected static DocumentContent Content(string text) => new(text, []);

    protected static List<Chunk> Chunks(DocumentRecord document, params string[] texts) =>
        texts.Select((t, i) => new Chunk(DocumentIds.ForChunk(document.Id, i, t), document.Id, document.Collection, i, document.Title, [], null, null, 0, t.Length, 1, t, t)).ToList();
}

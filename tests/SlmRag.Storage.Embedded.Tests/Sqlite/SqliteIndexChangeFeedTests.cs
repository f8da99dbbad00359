using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Chunking;
using SlmRag.Core.Collections;
using SlmRag.Core.Documents;
using SlmRag.Core.Storage;

namespace SlmRag.Storage.Embedded.Tests.Sqlite;

public sealed class SqliteIndexChangeFeedTests : IDisposable
{
    private static readonly EmbeddingModelFingerprint Model = new("m", 2, "h");
    private readonly SqliteStoreFixture _fixture = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ICatalogStore Catalog => _fixture.Services.GetRequiredService<ICatalogStore>();

    private IIndexChangeFeed Feed => _fixture.Services.GetRequiredService<IIndexChangeFeed>();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Changes_come_in_commit_order_with_each_documents_current_chunks_vectors_and_access()
    {
        await Catalog.CreateCollectionAsync(new Collection("hr", null, false, null, DateTimeOffset.UnixEpoch), Ct);
        await WriteAsync("a", "first text", ["staff"]);
        await WriteAsync("b", "second text", []);
        var changes = await Feed.ReadChangesAsync(0, 10, Ct);
        Assert.Equal(["a", "b"], changes.Select(c => c.DocumentId));

        var a = Assert.Single(await Feed.ReadDocumentAsync("hr", "a", Ct));
        Assert.Equal("first text", a.Chunk.Text);
        Assert.Equal(["staff"], a.AccessGroups);
        Assert.Equal("https://intranet/a", a.SourceUrl);
        Assert.Equal(new[] { 0.6f, 0.8f }, a.Vector);

        await Catalog.DeleteDocumentAsync("hr", "a", Ct);
        var after = await Feed.ReadChangesAsync(changes[^1].Sequence, 10, Ct);
        Assert.Equal("a", Assert.Single(after).DocumentId);
        Assert.Empty(await Feed.ReadDocumentAsync("hr", "a", Ct));
        Assert.Single(await ToListAsync(Feed.ReadCollectionAsync("hr", Ct)));
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    private async Task WriteAsync(string id, string text, string[] groups)
    {
        var document = new DocumentRecord(id, "hr", id, 1, "h", "fp", "Title " + id, SourceFormat.Markdown, id, text.Length, 0, text.Length, 1,
            new DocumentMetadata([], "https://intranet/" + id, groups), "job/0", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        var chunk = new Chunk(DocumentIds.ForChunk(id, 0, text), id, "hr", 0, "Title " + id, [], null, null, 0, text.Length, 2, "c", text);
        await Catalog.ReplaceDocumentAsync(document, new DocumentContent(text, []), [chunk], new ChunkEmbeddings(Model, [new float[] { 0.6f, 0.8f }]), Ct);
    }
}

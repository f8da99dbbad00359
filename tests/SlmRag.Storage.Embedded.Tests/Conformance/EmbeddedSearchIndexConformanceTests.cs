using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Chunking;
using SlmRag.Core.Collections;
using SlmRag.Core.Documents;
using SlmRag.Core.Retrieval;
using SlmRag.Core.Storage;
using SlmRag.Storage.Embedded.Tests.Sqlite;
using SlmRag.Testing.Conformance;

namespace SlmRag.Storage.Embedded.Tests.Conformance;

/// <summary>The search conformance suite on the embedded store: writes go through the catalog, which the in-memory indexes follow.</summary>
public class EmbeddedSearchIndexConformanceTests : SearchIndexConformanceTests, IDisposable
{
    private static readonly EmbeddingModelFingerprint Model = new("conformance", Dimensions, "c0");
    private readonly SqliteStoreFixture _fixture;

    public EmbeddedSearchIndexConformanceTests()
        : this(new SqliteStoreFixture())
    {
    }

    protected EmbeddedSearchIndexConformanceTests(SqliteStoreFixture fixture) => _fixture = fixture;

    private ICatalogStore Catalog => _fixture.Services.GetRequiredService<ICatalogStore>();

    protected override ISearchIndex Index => _fixture.Services.GetRequiredService<ISearchIndex>();

    public void Dispose()
    {
        _fixture.Dispose();
        GC.SuppressFinalize(this);
    }

    protected override Task CreateCollectionAsync(string collection) =>
        Catalog.CreateCollectionAsync(new Collection(collection, null, false, null, DateTimeOffset.UnixEpoch), Ct);

    protected override async Task WriteAsync(string collection, string documentId, IReadOnlyList<IndexableChunk> chunks)
    {
        var first = chunks[0];
        var text = string.Concat(chunks.Select(c => c.Chunk.Text));
        var document = new DocumentRecord(documentId, collection, documentId, 1, "h", "fp", first.DocumentTitle, SourceFormat.Markdown, documentId, text.Length, 1, text.Length, chunks.Count,
            new DocumentMetadata(first.Tags, first.SourceUrl, first.AccessGroups), "job/0", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        var vectors = chunks.Select(c => (ReadOnlyMemory<float>)c.Vector!).ToList();
        var model = vectors[0].Length == Dimensions ? Model : new EmbeddingModelFingerprint("other", vectors[0].Length, "c1");
        await Catalog.ReplaceDocumentAsync(document, new DocumentContent(text, []), [.. chunks.Select(c => c.Chunk)], new ChunkEmbeddings(model, vectors), Ct);
    }

    protected override async Task DeleteAsync(string collection, string documentId) => await Catalog.DeleteDocumentAsync(collection, documentId, Ct);
}

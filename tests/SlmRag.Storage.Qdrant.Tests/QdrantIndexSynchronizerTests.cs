using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SlmRag.Core.Chunking;
using SlmRag.Core.Collections;
using SlmRag.Core.Documents;
using SlmRag.Core.Retrieval;
using SlmRag.Core.Storage;
using SlmRag.Storage.Embedded;
using SlmRag.Testing;

namespace SlmRag.Storage.Qdrant.Tests;

/// <summary>
/// The synchronizer replaying a real SQLite catalog's change feed. The writer records instead of calling
/// Qdrant (none can run here); what it is asked to write is what Qdrant would receive.
/// </summary>
public sealed class QdrantIndexSynchronizerTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TempDirectory _data = new();
    private readonly ServiceProvider _services;
    private readonly RecordingWriter _writer = new();

    public QdrantIndexSynchronizerTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = _data.Path }).Build();
        _services = new ServiceCollection().AddEmbeddedStorage(configuration).BuildServiceProvider();
    }

    public void Dispose()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }

    private ICatalogStore Catalog => _services.GetRequiredService<ICatalogStore>();

    private QdrantIndexSynchronizer Synchronizer() => new(_services.GetRequiredService<IIndexChangeFeed>(), Catalog, _writer,
        Path.Combine(_data.Path, "qdrant-sync.checkpoint"), NullLogger<QdrantIndexSynchronizer>.Instance);

    [Fact]
    public async Task Replays_changes_once_from_its_checkpoint_and_follows_deletions()
    {
        await Catalog.CreateCollectionAsync(new Collection("hr", null, false, null, DateTimeOffset.UnixEpoch), Ct);
        await WriteAsync("a", "leave rules");
        await WriteAsync("b", "travel rules");

        Assert.Equal(2, await Synchronizer().SynchronizeAsync(Ct));
        Assert.Equal(["a", "b"], _writer.Documents("hr").Keys.Order());
        Assert.Equal(2, _writer.Dimensions["hr"]);
        Assert.Equal(new EmbeddingModelFingerprint("m", 2, "h"), _writer.Descriptions["hr"].EmbeddingModel);
        Assert.Equal(0, await Synchronizer().SynchronizeAsync(Ct));

        await WriteAsync("a", "leave rules, version two");
        await Catalog.DeleteDocumentAsync("hr", "b", Ct);
        Assert.Equal(2, await Synchronizer().SynchronizeAsync(Ct));
        Assert.Equal(["a"], _writer.Documents("hr").Keys);
        Assert.Equal("leave rules, version two", _writer.Documents("hr")["a"].Single().Chunk.Text);

        await Catalog.DeleteCollectionAsync("hr", Ct);
        await Synchronizer().SynchronizeAsync(Ct);
        Assert.False(_writer.Collections.ContainsKey("hr"));
    }

    private async Task WriteAsync(string id, string text)
    {
        var version = _writer.Collections.Count + text.Length;
        var document = new DocumentRecord(id, "hr", id, version, "h" + text.Length, "fp", id, SourceFormat.Markdown, id, text.Length, 0, text.Length, 1,
            DocumentMetadata.Empty, "job/0", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        var chunk = new Chunk(DocumentIds.ForChunk(id, 0, text), id, "hr", 0, id, [], null, null, 0, text.Length, 2, "c", text);
        await Catalog.ReplaceDocumentAsync(document, new DocumentContent(text, []), [chunk], new ChunkEmbeddings(new EmbeddingModelFingerprint("m", 2, "h"), [new float[] { 1, 0 }]), Ct);
    }

    private sealed class RecordingWriter : ISearchIndexWriter
    {
        public Dictionary<string, Dictionary<string, IReadOnlyList<IndexableChunk>>> Collections { get; } = [];

        public Dictionary<string, int> Dimensions { get; } = [];

        public Dictionary<string, IReadOnlyList<IndexableChunk>> Documents(string collection) => Collections[collection];

        public Task EnsureCollectionAsync(string collection, int dimensions, CancellationToken cancellationToken)
        {
            Collections.TryAdd(collection, []);
            Dimensions[collection] = dimensions;
            return Task.CompletedTask;
        }

        public Task ReplaceDocumentAsync(string collection, string documentId, IReadOnlyList<IndexableChunk> chunks, CancellationToken cancellationToken)
        {
            if (chunks.Count == 0)
            {
                Collections[collection].Remove(documentId);
            }
            else
            {
                Collections[collection][documentId] = chunks;
            }

            return Task.CompletedTask;
        }

        public Dictionary<string, Collection> Descriptions { get; } = [];

        public Task DescribeCollectionAsync(Collection collection, CancellationToken cancellationToken)
        {
            Descriptions[collection.Name] = collection;
            return Task.CompletedTask;
        }

        public Task DeleteCollectionAsync(string collection, CancellationToken cancellationToken)
        {
            Collections.Remove(collection);
            return Task.CompletedTask;
        }

        public Task<long> CountAsync(string collection, CancellationToken cancellationToken) =>
            Task.FromResult((long)(Collections.TryGetValue(collection, out var documents) ? documents.Values.Sum(d => d.Count) : 0));
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Collections;
using SlmRag.Core.Retrieval;
using SlmRag.Testing.Conformance;

namespace SlmRag.Storage.Qdrant.Tests;

/// <summary>
/// The search conformance suite against a real Qdrant at QDRANT_URL (QDRANT_API_KEY optional). No Qdrant
/// server or Docker engine exists on the development machines, so without QDRANT_URL every test is
/// skipped with that reason, in CI too.
/// </summary>
public sealed class QdrantSearchIndexConformanceTests : SearchIndexConformanceTests, IAsyncDisposable
{
    private static readonly string? Url = Environment.GetEnvironmentVariable("QDRANT_URL");
    private readonly ServiceProvider? _services;

    public QdrantSearchIndexConformanceTests()
    {
        if (string.IsNullOrEmpty(Url))
        {
            return;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Qdrant:Url"] = Url,
            ["Storage:Qdrant:ApiKey"] = Environment.GetEnvironmentVariable("QDRANT_API_KEY"),
        }).Build();
        _services = new ServiceCollection().AddRetrieval(configuration).AddQdrantSearch(configuration).BuildServiceProvider();
    }

    protected override ISearchIndex Index => _services!.GetRequiredService<ISearchIndex>();

    private ISearchIndexWriter Writer => _services!.GetRequiredService<ISearchIndexWriter>();

    protected override Task CreateCollectionAsync(string collection)
    {
        if (_services is null)
        {
            Assert.Skip("QDRANT_URL is not set: no Qdrant server to test against (none can run on these machines). Set QDRANT_URL=http://host:6333 to run this suite.");
        }

        return Writer.EnsureCollectionAsync(collection, Dimensions, Ct);
    }

    protected override async Task WriteAsync(string collection, string documentId, IReadOnlyList<IndexableChunk> chunks)
    {
        await Writer.EnsureCollectionAsync(collection, chunks[0].Vector?.Length ?? 0, Ct);
        await Writer.ReplaceDocumentAsync(collection, documentId, chunks, Ct);
    }

    protected override Task DeleteAsync(string collection, string documentId) => Writer.ReplaceDocumentAsync(collection, documentId, [], Ct);

    protected override Task<IReadOnlyList<ScoredChunk>> HybridAsync(string collection, string query, float[] vector, SearchFilter filter, int limit) =>
        _services!.GetRequiredService<QdrantSearchIndex>().SearchHybridAsync(collection, query, VectorMath.Normalize(vector), filter, limit, 50, Ct);

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await Writer.DeleteCollectionAsync(Collection, CancellationToken.None);
            await _services.DisposeAsync();
        }
    }
}

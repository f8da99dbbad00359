using SlmRag.Core.Retrieval;
using SlmRag.Storage.Embedded.Search;
using SlmRag.Storage.Embedded.Tests.Sqlite;

namespace SlmRag.Storage.Embedded.Tests.Conformance;

/// <summary>The search conformance suite with the size threshold at 0: every dense search goes through the HNSW graph.</summary>
public sealed class ApproximateSearchIndexConformanceTests : EmbeddedSearchIndexConformanceTests
{
    public ApproximateSearchIndexConformanceTests()
        : base(new SqliteStoreFixture(new Dictionary<string, string?> { ["Storage:ApproximateSearchAbove"] = "0" }))
    {
    }

    [Fact]
    public async Task Dense_search_runs_on_the_graph_in_this_mode()
    {
        await CreateCollectionAsync(Collection);
        await WriteAsync(Collection, "a", [Item(Collection, "a", 0, "alpha", [1, 0, 0, 0])]);

        var snapshot = await ((EmbeddedSearchIndex)Index).CurrentAsync(Collection, Ct);

        Assert.True(snapshot.Approximate);
        Assert.Single(await Index.SearchVectorAsync(Collection, new float[] { 1, 0, 0, 0 }, SearchFilter.Everything, 10, Ct));
    }
}

using SlmRag.Core.Retrieval;
using SlmRag.Storage.Embedded.Search;
using SlmRag.Storage.Embedded.Search.Approximate;

namespace SlmRag.Storage.Embedded.Tests.Search.Approximate;

/// <summary>The search ef grows with the collection above <c>Storage:ApproximateSearchEfScaleAbove</c>, so recall holds at millions of vectors.</summary>
public sealed class EfScalingTests
{
    [Theory]
    [InlineData(0, 5_000_000, 96)]           // scaling off: the configured ef at any size
    [InlineData(1_000_000, 500_000, 96)]     // below the size: the configured ef
    [InlineData(1_000_000, 1_000_000, 96)]
    [InlineData(1_000_000, 2_000_000, 192)]  // twice the vectors, twice the ef
    [InlineData(1_000_000, 4_930_000, 474)]  // rounded up
    [InlineData(1_000_000, 100_000_000, VectorSearchSettings.MaxEf)]
    public void Ef_grows_in_proportion_above_the_size(int scaleAbove, int liveVectors, int expected) =>
        Assert.Equal(expected, new VectorSearchSettings(0, 96, EfScaleAbove: scaleAbove).EfFor(liveVectors));

    [Fact]
    public void A_collection_above_the_size_is_searched_with_the_grown_ef()
    {
        const int Count = 3_000;
        var random = new Random(5);
        // Ef 10 up to 375 vectors: 3,000 live vectors are searched with ef 80.
        var index = new CollectionIndex(new VectorSearchSettings(ApproximateAbove: 0, Ef: 10, EfScaleAbove: 375));
        for (var start = 0; start < Count; start += 500)
        {
            index.ReplaceDocument($"d{start}", Enumerable.Range(start, 500)
                .Select(i => new IndexedChunk($"c{i}", $"d{start}", [], [], RandomUnit(random), [], [])).ToList());
        }

        var snapshot = index.Publish(1);
        Assert.True(snapshot.Approximate);
        var queries = Enumerable.Range(0, 50).Select(_ => RandomUnit(random)).ToList();
        List<string> Ids(List<ScoredChunk> hits) => hits.ConvertAll(h => h.ChunkId);

        foreach (var query in queries)
        {
            Assert.Equal(Ids(snapshot.SearchApproximate(query, SearchFilter.Everything, 10, 80)), Ids(snapshot.SearchVector(query, SearchFilter.Everything, 10)));
        }

        // The configured ef alone answers some of these queries differently (on 64-d random vectors ef 10 misses neighbours).
        Assert.Contains(queries, q => !Ids(snapshot.SearchApproximate(q, SearchFilter.Everything, 10, 10)).SequenceEqual(Ids(snapshot.SearchVector(q, SearchFilter.Everything, 10))));
    }

    private static float[] RandomUnit(Random random) =>
        VectorMath.Normalize(Enumerable.Range(0, 64).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray());
}

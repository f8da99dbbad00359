using SlmRag.Core.Retrieval;
using SlmRag.Storage.Embedded.Search;
using SlmRag.Storage.Embedded.Search.Approximate;

namespace SlmRag.Storage.Embedded.Tests.Search.Approximate;

/// <summary>
/// The graph on the hardest data it meets: isotropic Gaussian unit vectors of MiniLM's 384 dimensions, where
/// every point is nearly equidistant from every other and recall grows only slowly with ef. The floors come
/// from a reference HNSW implementation (hnswlib 0.6, M=16, efConstruction=128, one thread) on data drawn the
/// same way: 10,000 vectors, 200 queries gave recall@10 0.60 at ef=128, 0.82 at ef=256 and 0.91 at ef=400.
/// A graph or walk weaker than that one (a cut-short walk, a broken neighbour choice, a lost entry point)
/// falls below them; the margins allow for sampling (100 queries) and another random draw.
/// </summary>
public sealed class HighDimensionalRecallTests
{
    private const int Count = 10_000;
    private const int Dimensions = 384;

    [Theory]
    [InlineData(128, 0.50)]
    [InlineData(400, 0.85)]
    public void Recall_on_random_384_dimensional_vectors_reaches_the_reference_graph(int ef, double floor)
    {
        var random = new Random(17);
        var index = new CollectionIndex(new VectorSearchSettings(ApproximateAbove: 0, Ef: ef));
        for (var start = 0; start < Count; start += 500)
        {
            index.ReplaceDocument($"d{start}", Enumerable.Range(start, 500)
                .Select(i => new IndexedChunk($"c{i}", $"d{start}", [], [], Gaussian(random), [], [])).ToList());
        }

        var snapshot = index.Publish(1);
        Assert.True(snapshot.Approximate);

        var recall = Enumerable.Range(0, 100).Select(_ => Gaussian(random)).Average(query =>
        {
            var exact = snapshot.SearchExact(query, SearchFilter.Everything, 10).Select(h => h.ChunkId).ToHashSet();
            return snapshot.SearchVector(query, SearchFilter.Everything, 10).Count(h => exact.Contains(h.ChunkId)) / 10.0;
        });

        Assert.True(recall >= floor, $"recall@10 at ef={ef}: {recall:0.000}, below {floor}");
    }

    private static float[] Gaussian(Random random) =>
        VectorMath.Normalize(Enumerable.Range(0, Dimensions)
            .Select(_ => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()))).ToArray());
}

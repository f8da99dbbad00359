using SlmRag.Core.Retrieval;
using SlmRag.Storage.Embedded.Search;
using SlmRag.Storage.Embedded.Search.Approximate;

namespace SlmRag.Storage.Embedded.Tests.Search;

/// <summary>
/// The exact scan, on one thread and shared with a second, against a plain sort of every allowed chunk by similarity
/// then slot. Vectors on a coarse grid, so many similarities tie; every 10th chunk tagged, every 7th readable by "hr" only.
/// </summary>
public sealed class ExactScanTests
{
    private const int Count = 20_000;
    private static readonly Lazy<(IndexSnapshot Snapshot, float[][] Vectors)> Corpus = new(Build);

    private static (IndexSnapshot, float[][]) Build()
    {
        var random = new Random(17);
        var vectors = Enumerable.Range(0, Count).Select(_ => Enumerable.Range(0, 8).Select(_ => (float)random.Next(-2, 3)).ToArray()).ToArray();
        // Exact only: the graph is never used at this size.
        var index = new CollectionIndex(new VectorSearchSettings(ApproximateAbove: int.MaxValue, Ef: 32));
        for (var start = 0; start < Count; start += 100)
        {
            index.ReplaceDocument($"d{start}", Enumerable.Range(start, 100).Select(i =>
                new IndexedChunk($"c{i}", $"d{start}", [], [], vectors[i], i % 10 == 0 ? ["t10"] : [], i % 7 == 0 ? ["hr"] : [])).ToList());
        }

        return (index.Publish(1), vectors);
    }

    public static TheoryData<int, string> Cases() => new()
    {
        { 1, "everything" }, { 10, "everything" }, { 1000, "everything" }, { 25_000, "everything" },
        { 10, "tag" }, { 1000, "tag" }, { 1000, "public" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Shared_and_single_thread_scans_return_the_best_k_with_ties_to_the_lower_slot(int limit, string filterName)
    {
        var (snapshot, vectors) = Corpus.Value;
        var filter = filterName switch
        {
            "tag" => new SearchFilter(["t10"], [], SeesEverything: true),
            "public" => SearchFilter.Public,
            _ => SearchFilter.Everything,
        };
        float[] query = [1, -1, 0.5f, 2, 0, -0.5f, 1, 1];
        var expected = Enumerable.Range(0, Count)
            .Where(i => filter.Allows(i % 10 == 0 ? ["t10"] : [], i % 7 == 0 ? ["hr"] : []))
            .Select(i => (Id: $"c{i}", Slot: i, Score: (double)System.Numerics.Tensors.TensorPrimitives.Dot(query, vectors[i])))
            .OrderByDescending(h => h.Score).ThenBy(h => h.Slot).Take(limit)
            .Select(h => (h.Id, h.Score)).ToList();

        var shared = snapshot.SearchExact(query, filter, limit, parallelAbove: 0);
        var single = snapshot.SearchExact(query, filter, limit, parallelAbove: int.MaxValue);

        Assert.Equal(expected, shared.Select(h => (h.ChunkId, h.Score)));
        Assert.Equal(expected, single.Select(h => (h.ChunkId, h.Score)));
        Assert.Equal(Enumerable.Range(1, expected.Count), shared.Select(h => h.Rank));
    }
}

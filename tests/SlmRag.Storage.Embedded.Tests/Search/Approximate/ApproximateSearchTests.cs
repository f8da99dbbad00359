using SlmRag.Core.Retrieval;
using SlmRag.Storage.Embedded.Search;

namespace SlmRag.Storage.Embedded.Tests.Search.Approximate;

/// <summary>The HNSW path against the exact scan of the same snapshot: recall, filters inside the walk, removals.</summary>
public sealed class ApproximateSearchTests(VectorCorpus corpus) : IClassFixture<VectorCorpus>
{
    [Fact]
    public void Recall_at_10_against_the_exact_scan_is_at_least_0_95()
    {
        Assert.True(corpus.Snapshot.Approximate);

        var recall = Recall(corpus.Snapshot, SearchFilter.Everything);

        Assert.True(recall >= 0.95, $"recall@10 {recall:0.000}");
    }

    [Fact]
    public void A_filtered_query_still_returns_k_matching_chunks()
    {
        var tagged = new SearchFilter(["t10"], []);
        foreach (var query in corpus.Queries.Take(20))
        {
            var hits = corpus.Snapshot.SearchVector(query, tagged, 10);
            Assert.Equal(10, hits.Count);
            Assert.All(hits, h => Assert.True(Tagged(h.ChunkId), h.ChunkId));
        }

        Assert.True(Recall(corpus.Snapshot, tagged) >= 0.9);
    }

    [Fact]
    public void A_very_selective_filter_returns_every_match()
    {
        var hits = corpus.Snapshot.SearchVector(corpus.Queries[0], new SearchFilter(["rare"], [], SeesEverything: true), 10);

        Assert.Equal(["c0", "c1", "c2", "c3", "c4"], hits.Select(h => h.ChunkId).Order());
    }

    [Fact]
    public void Access_lists_hold_inside_the_walk()
    {
        foreach (var query in corpus.Queries.Take(20))
        {
            var anonymous = corpus.Snapshot.SearchVector(query, SearchFilter.Public, 10);
            Assert.Equal(10, anonymous.Count);
            Assert.DoesNotContain(anonymous, h => int.Parse(h.ChunkId[1..], System.Globalization.CultureInfo.InvariantCulture) % 7 == 0);
        }

        Assert.True(Recall(corpus.Snapshot, SearchFilter.Public) >= 0.9);
    }

    [Fact]
    public void Replaced_and_deleted_chunks_leave_the_results_and_recall_holds()
    {
        // A private index: the shared one must stay as built for the other tests.
        var local = new VectorCorpus();
        var random = new Random(9);
        for (var start = 0; start < VectorCorpus.Count; start += 200)
        {
            local.Index.RemoveDocument($"d{start}");
            local.Index.ReplaceDocument($"d{start + 100}", Enumerable.Range(start + 100, 100)
                .Select(i => VectorCorpus.Chunk(i + VectorCorpus.Count, VectorCorpus.RandomUnit(random), start + 100)).ToList());
        }

        var snapshot = local.Index.Publish(2);
        // Every original chunk is gone: half deleted with their documents, half replaced by new chunks.
        var gone = Enumerable.Range(0, VectorCorpus.Count).Select(i => $"c{i}").ToHashSet();
        foreach (var query in local.Queries.Take(20))
        {
            Assert.DoesNotContain(snapshot.SearchVector(query, SearchFilter.Everything, 10), h => gone.Contains(h.ChunkId));
        }

        Assert.Equal(VectorCorpus.Count / 2, snapshot.LiveVectors);
        Assert.True(Recall(snapshot, SearchFilter.Everything) >= 0.95);
        // The version before the change still answers with the old chunks: it is a whole, separate version.
        Assert.Contains(local.Snapshot.SearchVector(local.Queries[0], SearchFilter.Everything, 10), h => gone.Contains(h.ChunkId));
    }

    /// <summary>Chunks 0-4 and every 10th carry tag t10 (see <see cref="VectorCorpus"/>).</summary>
    private static bool Tagged(string chunkId) => int.Parse(chunkId[1..], System.Globalization.CultureInfo.InvariantCulture) is var i && (i < 5 || i % 10 == 0);

    private double Recall(IndexSnapshot snapshot, SearchFilter filter) =>
        corpus.Queries.Average(q =>
        {
            var exact = snapshot.SearchExact(q, filter, 10).Select(h => h.ChunkId).ToHashSet();
            return snapshot.SearchVector(q, filter, 10).Count(h => exact.Contains(h.ChunkId)) / (double)exact.Count;
        });
}

using SlmRag.Core.Retrieval;

namespace SlmRag.Core.Tests.Retrieval;

public sealed class ResultFusionTests
{
    private static readonly ScoredChunk[] Lexical = [new("a", "d1", 9, 1), new("b", "d1", 6, 2), new("c", "d2", 3, 3)];
    private static readonly ScoredChunk[] Dense = [new("c", "d2", 0.9, 1), new("d", "d3", 0.5, 2)];

    [Fact]
    public void Reciprocal_rank_fusion_sums_weighted_reciprocal_ranks()
    {
        var options = new RetrievalOptions { Fusion = FusionMethod.ReciprocalRank, RrfK = 60, LexicalWeight = 0.5 };

        var fused = ResultFusion.Fuse(Lexical, Dense, options, 10);

        Assert.Equal(["c", "a", "b", "d"], fused.Select(h => h.ChunkId));
        Assert.Equal((0.5 / 63) + (0.5 / 61), fused[0].Score, 12);
        Assert.Equal(0.5 / 61, fused[1].Score, 12);
        Assert.Equal((new RetrieverEvidence(3, 3), new RetrieverEvidence(1, 0.9)), (fused[0].Lexical, fused[0].Dense));
        Assert.Null(fused[3].Lexical);
    }

    [Fact]
    public void Weighted_fusion_normalises_each_list_to_zero_one()
    {
        var options = new RetrievalOptions { Fusion = FusionMethod.WeightedScore, LexicalWeight = 0.8 };

        var fused = ResultFusion.Fuse(Lexical, Dense, options, 10);

        // a: 0.8 * 1; b: 0.8 * 0.5; c: 0.8 * 0 + 0.2 * 1; d: 0.2 * 0
        Assert.Equal(["a", "b", "c", "d"], fused.Select(h => h.ChunkId));
        Assert.Equal([0.8, 0.4, 0.2, 0.0], fused.Select(h => Math.Round(h.Score, 12)));
    }

    [Fact]
    public void One_empty_list_leaves_the_other_in_order_and_the_limit_applies()
    {
        var fused = ResultFusion.Fuse(Lexical, [], new RetrievalOptions(), 2);

        Assert.Equal(["a", "b"], fused.Select(h => h.ChunkId));
    }

    [Fact]
    public void Equal_scores_go_to_the_better_rank_then_to_the_lower_chunk_id()
    {
        var options = new RetrievalOptions { Fusion = FusionMethod.ReciprocalRank, RrfK = 60, LexicalWeight = 0.5 };
        ScoredChunk[] lexical = [new("z", "d1", 5, 1), new("m", "d1", 4, 2)];
        ScoredChunk[] dense = [new("k", "d2", 0.7, 1), new("b", "d3", 0.6, 2)];

        var fused = ResultFusion.Fuse(lexical, dense, options, 10);

        // z and k tie at 0.5/61 (rank 1 each), m and b at 0.5/62: the lower chunk id first within each tie.
        Assert.Equal(["k", "z", "b", "m"], fused.Select(h => h.ChunkId));
        Assert.Equal(["d2", "d1", "d3", "d1"], fused.Select(h => h.DocumentId));
    }

    [Fact]
    public void A_fusion_prepared_from_the_lexical_list_first_gives_the_same_list_once()
    {
        var options = new RetrievalOptions { Fusion = FusionMethod.WeightedScore, LexicalWeight = 0.6 };
        // Room for one dense hit only: the second must still find a place.
        var pending = new PendingFusion(Lexical, denseCapacity: 1);

        var fused = pending.Fuse(Dense, options, 10);

        Assert.Equal(ResultFusion.Fuse(Lexical, Dense, options, 10), fused);
        // a: 0.6 * 1; c: 0.6 * 0 + 0.4 * 1; b: 0.6 * 0.5; d: 0.4 * 0
        Assert.Equal(["a", "c", "b", "d"], fused.Select(h => h.ChunkId));
        Assert.Throws<InvalidOperationException>(() => pending.Fuse(Dense, options, 10));
    }
}

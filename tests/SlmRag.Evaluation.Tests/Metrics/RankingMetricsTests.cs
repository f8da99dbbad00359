using SlmRag.Evaluation.Metrics;

namespace SlmRag.Evaluation.Tests.Metrics;

public sealed class RankingMetricsTests
{
    private static readonly Dictionary<string, int> Judged = new() { ["a"] = 2, ["c"] = 1, ["e"] = 1, ["x"] = 0 };
    private static readonly string[] Ranking = ["a", "b", "c", "d"];

    [Fact]
    public void Average_precision_divides_by_all_relevant_documents() =>
        Assert.Equal((1.0 + (2.0 / 3)) / 3, RankingMetrics.AveragePrecision(Ranking, Judged), 12);

    [Fact]
    public void Ndcg_uses_graded_gains_and_log_discounts()
    {
        var dcg = 3 / Math.Log2(2) + 1 / Math.Log2(4);
        var ideal = 3 / Math.Log2(2) + 1 / Math.Log2(3) + 1 / Math.Log2(4);

        Assert.Equal(dcg / ideal, RankingMetrics.Ndcg(Ranking, Judged, 10), 12);
        Assert.Equal(1.0, RankingMetrics.Ndcg(["a"], Judged, 1), 12);
    }

    [Fact]
    public void Recall_and_reciprocal_rank_respect_their_cutoffs()
    {
        Assert.Equal(2.0 / 3, RankingMetrics.Recall(Ranking, Judged, 100), 12);
        Assert.Equal(1.0 / 3, RankingMetrics.Recall(Ranking, Judged, 2), 12);
        Assert.Equal(0.5, RankingMetrics.ReciprocalRank(["b", "c"], Judged, 10), 12);
        Assert.Equal(0, RankingMetrics.ReciprocalRank(["b", "c"], Judged, 1));
    }
}

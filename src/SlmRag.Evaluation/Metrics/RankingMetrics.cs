namespace SlmRag.Evaluation.Metrics;

/// <summary>Per-query measures over a ranked list of document ids and graded judgements (grade > 0 relevant), as trec_eval computes them.</summary>
public static class RankingMetrics
{
    public static double AveragePrecision(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> judged)
    {
        var relevant = judged.Count(j => j.Value > 0);
        if (relevant == 0)
        {
            return 0;
        }

        double sum = 0;
        var found = 0;
        for (var i = 0; i < ranking.Count; i++)
        {
            if (judged.GetValueOrDefault(ranking[i]) > 0)
            {
                found++;
                sum += (double)found / (i + 1);
            }
        }

        return sum / relevant;
    }

    /// <summary>nDCG with gains 2^grade - 1 and log2(rank + 1) discounts.</summary>
    public static double Ndcg(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> judged, int cutoff)
    {
        var dcg = ranking.Take(cutoff).Select((id, i) => Gain(judged.GetValueOrDefault(id)) / Math.Log2(i + 2)).Sum();
        var ideal = judged.Values.Where(g => g > 0).OrderDescending().Take(cutoff).Select((g, i) => Gain(g) / Math.Log2(i + 2)).Sum();
        return ideal == 0 ? 0 : dcg / ideal;
    }

    public static double Recall(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> judged, int cutoff)
    {
        var relevant = judged.Count(j => j.Value > 0);
        return relevant == 0 ? 0 : (double)ranking.Take(cutoff).Count(id => judged.GetValueOrDefault(id) > 0) / relevant;
    }

    public static double ReciprocalRank(IReadOnlyList<string> ranking, IReadOnlyDictionary<string, int> judged, int cutoff)
    {
        for (var i = 0; i < Math.Min(cutoff, ranking.Count); i++)
        {
            if (judged.GetValueOrDefault(ranking[i]) > 0)
            {
                return 1.0 / (i + 1);
            }
        }

        return 0;
    }

    private static double Gain(int grade) => grade <= 0 ? 0 : Math.Pow(2, grade) - 1;
}

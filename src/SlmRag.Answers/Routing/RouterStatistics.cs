namespace SlmRag.Answers.Routing;

/// <summary>Route shares, reasons, frontier tokens and cost, latency per route: from the decision log.</summary>
public sealed record RouterStatistics(int Questions, double LocalShare, double FrontierShare, int Fallbacks,
    IReadOnlyDictionary<string, int> Reasons, long FrontierTokens, double FrontierCost, IReadOnlyDictionary<string, double> MedianMilliseconds)
{
    public static RouterStatistics From(IEnumerable<RouteRecord> records)
    {
        var all = records.ToList();
        var frontier = all.Where(r => r.Target == RouteTarget.Frontier).ToList();
        double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
        }

        return new RouterStatistics(
            all.Count,
            all.Count == 0 ? 0 : 1.0 * all.Count(r => r.Target == RouteTarget.Local) / all.Count,
            all.Count == 0 ? 0 : 1.0 * frontier.Count / all.Count,
            all.Count(r => r.FellBack),
            all.GroupBy(r => r.Reason).ToDictionary(g => g.Key, g => g.Count()),
            frontier.Sum(r => (long)r.InputTokens + r.OutputTokens),
            Math.Round(frontier.Sum(r => r.CostEstimate), 6),
            all.GroupBy(r => r.Target.ToString()).ToDictionary(g => g.Key, g => Math.Round(Median(g.Select(r => r.Milliseconds)), 2)));
    }
}

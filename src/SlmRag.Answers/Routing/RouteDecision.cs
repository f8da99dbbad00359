namespace SlmRag.Answers.Routing;

/// <summary>Where a question is answered, why, and from what: reported with every answer.</summary>
/// <param name="Reason">A stable code: routine, long-context, multi-document, comparison, aggregation, multi-step,
/// local-only-collection, budget-exhausted, no-frontier, frontier-failed, low-confidence.</param>
public sealed record RouteDecision(RouteTarget Target, string Reason, double Probability, RouteFeatures Features)
{
    /// <summary>Set when an escalation fell back to the local model (outage, timeout).</summary>
    public string? Warning { get; init; }
}

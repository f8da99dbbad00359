namespace SlmRag.Answers.Routing;

/// <summary>
/// <c>Router</c>: when a question goes to the frontier model. The decision is a logistic model over
/// <see cref="RouteFeatures"/>; <c>slmrag router calibrate</c> fits <see cref="Weights"/>, <see cref="Bias"/>
/// and <see cref="Threshold"/> from a labeled file.
/// </summary>
public sealed class RouterOptions
{
    public const string SectionName = "Router";

    public Dictionary<string, double> Weights { get; set; } = new(StringComparer.Ordinal);

    public double Bias { get; set; } = -3;

    /// <summary>Escalate when the model's probability reaches this.</summary>
    public double Threshold { get; set; } = 0.5;

    /// <summary>Tokens per UTC day the frontier may use, in all (0: unlimited).</summary>
    public long DailyTokenBudget { get; set; }

    /// <summary>Tokens per UTC day per API key (0: unlimited).</summary>
    public long DailyTokenBudgetPerKey { get; set; }
}

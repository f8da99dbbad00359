namespace SlmRag.Answers.Routing;

/// <summary>What the router sees of a question and its retrieval.</summary>
/// <param name="StrongDocuments">Distinct documents among the strong evidence (score at least 60% of the best).</param>
/// <param name="ScoreMargin">How far the best hit stands above the second (0: a tie, 1: alone).</param>
public sealed record RouteFeatures(
    int ContextTokens,
    int LocalWindowTokens,
    int StrongDocuments,
    bool Comparison,
    bool Aggregation,
    bool MultiStep,
    double ScoreMargin,
    double Evidence)
{
    /// <summary>Tokens of the strong evidence over the local model's usable window.</summary>
    public double ContextRatio => LocalWindowTokens > 0 ? (double)ContextTokens / LocalWindowTokens : 0;

    /// <summary>The model inputs, by name (the names calibration writes weights for).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, double> Vector => new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["context"] = Math.Min(ContextRatio, 4),
        ["documents"] = Math.Min(StrongDocuments, 8) / 8.0,
        ["comparison"] = Comparison ? 1 : 0,
        ["aggregation"] = Aggregation ? 1 : 0,
        ["multistep"] = MultiStep ? 1 : 0,
        ["margin"] = ScoreMargin,
        ["evidence"] = Evidence,
    };
}

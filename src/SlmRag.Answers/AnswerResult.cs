namespace SlmRag.Answers;

/// <summary>A grounded answer: text with markers, the citations they resolve to, the evidence, and what it cost.</summary>
/// <param name="Abstained">True when the documents did not support an answer; <see cref="Citations"/> then lists the closest sources.</param>
/// <param name="Question">The question as asked; <see cref="SearchQuery"/> is what was searched (condensed with the conversation).</param>
/// <param name="RemovedMarkers">Citation markers the model wrote that pointed to no source; removed from the text.</param>
public sealed record AnswerResult(
    string Text,
    bool Abstained,
    IReadOnlyList<Citation> Citations,
    IReadOnlyList<SourceEvidence> Sources,
    string Model,
    string Question,
    string SearchQuery,
    string? ConversationId,
    int RemovedMarkers,
    double Evidence,
    AnswerUsage Usage,
    AnswerTimings Timings)
{
    /// <summary>Which model answered and why: the route decision, its reason and features (and a fallback warning).</summary>
    public Routing.RouteDecision? Route { get; init; }
}

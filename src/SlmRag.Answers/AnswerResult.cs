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

    /// <summary>Why the answer abstained (<see cref="AbstentionReasons"/>); null when it answered.</summary>
    public string? AbstentionReason { get; init; }

    /// <summary>False when the answer abstained or none of its sentences could be attributed to a source: then it is not backed by the documents.</summary>
    public bool Grounded { get; init; } = true;

    /// <summary>Sentences of a generated answer that no source supports (attributed when the model's markers were missing or invalid).</summary>
    public IReadOnlyList<string> UnsupportedSentences { get; init; } = [];

    /// <summary>Warnings about the answer's grounding (e.g. citations attributed by the service, unsupported sentences).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

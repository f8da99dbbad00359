namespace SlmRag.Answers;

/// <summary>Why an answer abstained, as kept in <see cref="AnswerResult.AbstentionReason"/>.</summary>
public static class AbstentionReasons
{
    /// <summary>Retrieval returned nothing the caller may see.</summary>
    public const string NoSources = "no-sources";

    /// <summary>The evidence score of the best sources is under <c>Answers:MinEvidence</c>.</summary>
    public const string WeakEvidence = "weak-evidence";

    /// <summary>The extractive answerer found no passage that answers the question's form.</summary>
    public const string NoAnswerSpan = "no-answer-span";

    /// <summary>The model replied that the sources lack the answer.</summary>
    public const string ModelNotFound = "model-not-found";

    /// <summary>The reason of an abstention from what is known after answering.</summary>
    /// <param name="extractive">Answered without a model: an abstention past the evidence check means no unit answered.</param>
    public static string Of(int sources, double evidence, double minEvidence, bool extractive) =>
        sources == 0 ? NoSources : evidence < minEvidence ? WeakEvidence : extractive ? NoAnswerSpan : ModelNotFound;
}

namespace SlmRag.Answers;

/// <summary>
/// Cosine similarity of a question to the quotable units the sentence embedding model read (the lexically best few
/// of the top sources), keyed by unit text. Empty without an embedding model: every signal then stays lexical.
/// Immutable; thread-safe.
/// </summary>
internal sealed class SemanticMatch(IReadOnlyDictionary<string, double> similarities)
{
    public static readonly SemanticMatch None = new(new Dictionary<string, double>(StringComparer.Ordinal));

    /// <summary>False without an embedding model (or with the signal switched off).</summary>
    public bool Available => similarities.Count > 0;

    /// <summary>The highest similarity of any unit read (0 when none was).</summary>
    public double Best { get; } = similarities.Count == 0 ? 0 : similarities.Values.Max();

    /// <summary>The unit's similarity to the question, or null when the model did not read it.</summary>
    public double? Of(AnalyzedSentence unit) => similarities.TryGetValue(unit.Text, out var similarity) ? similarity : null;
}

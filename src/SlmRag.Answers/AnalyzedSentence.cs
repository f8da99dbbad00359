namespace SlmRag.Answers;

/// <summary>A sentence of a chunk: its range within the chunk text and its terms in order.</summary>
internal sealed record AnalyzedSentence(int Start, int End, List<string> Terms)
{
    public HashSet<string> TermSet { get; } = Terms.ToHashSet(StringComparer.Ordinal);
}

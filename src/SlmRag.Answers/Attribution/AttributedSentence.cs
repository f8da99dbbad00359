namespace SlmRag.Answers.Attribution;

/// <summary>A sentence of a generated answer, its range in the answer text, and the numbers of the sources that support it (empty: unsupported).</summary>
public sealed record AttributedSentence(string Text, int Start, int End, IReadOnlyList<int> Sources, double Support);

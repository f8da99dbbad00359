namespace SlmRag.Answers.Attribution;

/// <summary>The result of attributing an answer: each sentence with its sources, and the text with markers added.</summary>
public sealed record Attribution(IReadOnlyList<AttributedSentence> Sentences, string MarkedText)
{
    public IReadOnlyList<int> CitedSources => Sentences.SelectMany(s => s.Sources).Distinct().Order().ToList();

    public IReadOnlyList<string> Unsupported => Sentences.Where(s => s.Sources.Count == 0).Select(s => s.Text).ToList();

    /// <summary>Grounded only when some sentence is supported: an answer with no attributable sentence is not passed on as grounded.</summary>
    public bool Grounded => Sentences.Any(s => s.Sources.Count > 0);
}

using System.Text;
using SlmRag.Core.Text;

namespace SlmRag.Answers.Attribution;

/// <summary>
/// Attributes the sentences of a generated answer to the numbered sources they came from, for answers whose
/// model wrote no valid citation markers: a sentence is supported by a source when enough of its
/// (idf-weighted) terms and word pairs appear in one sentence of that source, or, when an embedding of each
/// is given, when they are close. Sentences that match no source are reported as unsupported. Stateless and
/// thread-safe.
/// </summary>
public static class CitationAttributor
{
    /// <summary>Share of a sentence's weighted terms a source sentence must hold to support it.</summary>
    public const double MinSupport = 0.5;

    /// <param name="answer">The model's answer text (markers, if any, are ignored and re-added).</param>
    /// <param name="sources">Source number and text.</param>
    /// <param name="similarity">Optional: cosine similarity of an answer sentence and a source text (embeddings); used when lexical support falls short.</param>
    public static Attribution Attribute(string answer, IReadOnlyList<(int Number, string Text)> sources, Func<string, int, double>? similarity = null, double minSimilarity = 0.75)
    {
        var sourceSentences = sources.Select(s => (s.Number, Sentences: SentenceSpans.Split(s.Text).Select(r => Analyze(s.Text[r.Start..r.End])).ToList())).ToList();
        var allTerms = sourceSentences.Select(s => s.Sentences.SelectMany(x => x.Terms).ToHashSet(StringComparer.Ordinal)).ToList();
        var result = new List<AttributedSentence>();
        var marked = new StringBuilder();
        var cursor = 0;
        foreach (var (start, end) in SentenceSpans.Split(answer))
        {
            var text = StripMarkers(answer[start..end]);
            var sentence = Analyze(text);
            var supported = new List<(int Number, double Support)>();
            if (sentence.Terms.Count > 0)
            {
                var weights = sentence.TermSet.ToDictionary(t => t, t => Math.Log(1 + (allTerms.Count + 1) / (allTerms.Count(a => a.Contains(t)) + 0.5)), StringComparer.Ordinal);
                var total = weights.Values.Sum();
                foreach (var (number, candidates) in sourceSentences)
                {
                    var best = candidates.Count == 0 ? 0 : candidates.Max(c => Support(sentence, c, weights, total));
                    if (best < MinSupport && similarity is not null && similarity(text, number) >= minSimilarity)
                    {
                        best = MinSupport;
                    }

                    if (best >= MinSupport)
                    {
                        supported.Add((number, best));
                    }
                }
            }

            // The best source, and any other within a whisker of it (the same fact stated twice).
            var top = supported.Count == 0 ? 0 : supported.Max(s => s.Support);
            var cited = supported.Where(s => s.Support >= top - 0.05).Select(s => s.Number).Order().Take(2).ToList();
            result.Add(new AttributedSentence(text, start, end, cited, Math.Round(top, 3)));
            marked.Append(answer, cursor, start - cursor).Append(text);
            foreach (var n in cited)
            {
                marked.Append(" [").Append(n).Append(']');
            }

            cursor = end;
        }

        marked.Append(answer, cursor, answer.Length - cursor);
        return new Attribution(result, marked.ToString());
    }

    private static double Support(Analyzed sentence, Analyzed source, Dictionary<string, double> weights, double total)
    {
        var terms = weights.Where(w => source.TermSet.Contains(w.Key)).Sum(w => w.Value) / total;
        if (sentence.Pairs.Count == 0)
        {
            return terms;
        }

        // Word pairs keep a sentence that reuses a source's words in another relation from passing.
        var pairs = (double)sentence.Pairs.Count(source.Pairs.Contains) / sentence.Pairs.Count;
        return 0.7 * terms + 0.3 * Math.Min(1, pairs * 1.5);
    }

    private static string StripMarkers(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"\s*\[\d+\]", string.Empty).Trim();

    private static Analyzed Analyze(string text)
    {
        var terms = EnglishAnalyzer.Terms(text);
        var pairs = new HashSet<(string, string)>();
        for (var i = 0; i + 1 < terms.Count; i++)
        {
            pairs.Add((terms[i], terms[i + 1]));
        }

        return new Analyzed(terms, terms.ToHashSet(StringComparer.Ordinal), pairs);
    }

    private sealed record Analyzed(List<string> Terms, HashSet<string> TermSet, HashSet<(string, string)> Pairs);
}

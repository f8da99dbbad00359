namespace SlmRag.Answers;

/// <summary>
/// How well the best sources support the question, from 0 to 1: the idf-weighted share of the question's
/// terms found in the top sources together, averaged with the support of their best quotable unit (its
/// coverage, discounted when it lacks what the question's form asks for or the numbers the question states).
/// A question naming something (a capitalised word such as a city) that no top source mentions scores low,
/// however well its common words match. With a sentence embedding model, the evidence is scaled down when no
/// unit of the sources is close in meaning to the question. <see cref="AnswerOptions.MinEvidence"/> is calibrated on
/// this score. A number the question states that no source states is not held against it: it is often the asker's own
/// ("my 8-year-old daughter", "I'm 40"), which the sources state as a range ("children under 16") or not at all.
/// </summary>
internal static class EvidenceScorer
{
    public static double Score(string question, IReadOnlyList<ChunkAnalysis> candidateChunks, int topSources, IReadOnlyCollection<string>? disabled, SemanticMatch semantic)
    {
        var form = QuestionForm.Of(question);
        if (form.Terms.Count == 0 || candidateChunks.Count == 0)
        {
            return 0;
        }

        var off = (disabled ?? []).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var weights = ExtractiveAnswerer.Weights(form, candidateChunks.Select(c => c.Terms).ToList());
        var total = weights.Values.Sum();
        var top = candidateChunks.Take(topSources).ToList();
        var topTerms = top.SelectMany(c => c.Terms).ToHashSet(StringComparer.Ordinal);
        var together = weights.Where(w => TermMatch.In(w.Key, topTerms)).Sum(w => w.Value) / total;
        var best = 0.0;
        foreach (var chunk in top)
        {
            foreach (var unit in chunk.Sentences)
            {
                if (!unit.IsHeaderRow)
                {
                    best = Math.Max(best, SpanSignals.Of(form, unit, chunk.Context, weights, off).Support);
                }
            }
        }

        // The sentence embedding model's closest unit confirms or weakens the lexical evidence: a question whose words
        // recur in the sources but whose meaning matches no unit (similarity under 0.5) is less likely answered there.
        var evidence = (together + best) / 2 * (semantic.Available ? Math.Min(1, 0.5 + semantic.Best) : 1);
        // A name in the asker's situation ("We're on the Team plan in Europe.") is not what the question asks about.
        var named = form.NamedTerms.Any(t => !form.PreambleTerms.Contains(t) && !TermMatch.In(t, topTerms));
        return named ? 0.2 * evidence : evidence;
    }
}

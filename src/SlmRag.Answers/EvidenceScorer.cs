using SlmRag.Core.Text;

namespace SlmRag.Answers;

/// <summary>
/// How well the best sources support the question, from 0 to 1: the share of the question's terms found
/// in the top sources and in their best single sentence (averaged), each term weighted by its rarity among
/// the retrieved candidates, so a rare term (the subject of the question) counts most. A question naming something (a capitalised word such as a city)
/// that no top source mentions scores low, however well its common words match.
/// </summary>
internal static class EvidenceScorer
{
    public static double Score(string question, IReadOnlyList<ChunkAnalysis> candidateChunks, int topSources)
    {
        var terms = EnglishAnalyzer.Terms(question).Distinct(StringComparer.Ordinal).ToList();
        if (terms.Count == 0 || candidateChunks.Count == 0)
        {
            return 0;
        }

        var candidates = candidateChunks.Select(c => c.Terms).ToList();
        var weights = terms.ToDictionary(t => t, t => Math.Log(1 + (candidates.Count + 1) / (candidates.Count(c => TermMatch.In(t, c)) + 0.5)), StringComparer.Ordinal);
        var total = weights.Values.Sum();
        var top = candidateChunks.Take(topSources).ToList();
        var topTerms = candidates.Take(topSources).SelectMany(c => c).ToHashSet(StringComparer.Ordinal);
        // The sources together and the best single sentence: an answer usually sits in one sentence,
        // but a table row or a term defined two sentences away should still count.
        var together = terms.Where(t => TermMatch.In(t, topTerms)).Sum(t => weights[t]) / total;
        var evidence = (together + Best(top, weights, total)) / 2;
        return NamedTerms(question).Any(t => !TermMatch.In(t, topTerms)) ? 0.2 * evidence : evidence;
    }

    private static double Best(List<ChunkAnalysis> chunks, Dictionary<string, double> weights, double total)
    {
        var best = 0.0;
        foreach (var chunk in chunks)
        {
            foreach (var sentence in chunk.Sentences)
            {
                var covered = weights.Where(w => TermMatch.In(w.Key, sentence.TermSet)).Sum(w => w.Value);
                best = Math.Max(best, covered / total);
            }
        }

        return best;
    }

    /// <summary>Terms of capitalised words after the first word: names of places, products, people.</summary>
    private static IEnumerable<string> NamedTerms(string question)
    {
        var words = question.Split([' ', '?', ',', '.', '!', ':', ';', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
        foreach (var word in words.Skip(1))
        {
            if (word.Length >= 3 && char.IsUpper(word[0]) && word.Skip(1).All(char.IsLower))
            {
                foreach (var term in EnglishAnalyzer.Terms(word))
                {
                    yield return term;
                }
            }
        }
    }
}

using SlmRag.Core.Retrieval;
using SlmRag.Core.Storage;
using SlmRag.Core.Text;

namespace SlmRag.Evaluation.Answers;

/// <summary>
/// The naive baseline the answerer is measured against: BM25 picks the passage, word overlap picks one
/// sentence of it, and it abstains when that sentence holds fewer than half of the question's content words.
/// </summary>
public sealed class NaiveAnswerBaseline(HybridRetriever retriever, ICatalogStore catalog)
{
    public async Task<(string Text, bool Abstained, string? DocumentId)> AnswerAsync(string collection, string question, CancellationToken cancellationToken)
    {
        var hits = await retriever.RetrieveAsync(collection, question, SearchFilter.Everything, 1, RetrievalMode.Lexical, cancellationToken);
        if (hits.Count == 0)
        {
            return (string.Empty, true, null);
        }

        var chunk = (await catalog.GetChunksByIdAsync(collection, [hits[0].ChunkId], cancellationToken)).FirstOrDefault();
        var terms = EnglishAnalyzer.Terms(question).ToHashSet(StringComparer.Ordinal);
        if (chunk is null || terms.Count == 0)
        {
            return (string.Empty, true, null);
        }

        var best = (Text: string.Empty, Overlap: 0);
        foreach (var sentence in Sentences(chunk.Text))
        {
            var overlap = EnglishAnalyzer.Terms(sentence).Distinct(StringComparer.Ordinal).Count(terms.Contains);
            if (overlap > best.Overlap)
            {
                best = (sentence, overlap);
            }
        }

        return best.Overlap * 2 < terms.Count ? (string.Empty, true, hits[0].DocumentId) : (best.Text, false, hits[0].DocumentId);
    }

    private static IEnumerable<string> Sentences(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] is '.' or '!' or '?' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]))))
            {
                var sentence = text[start..(i + 1)].Trim();
                if (sentence.Length > 0)
                {
                    yield return sentence;
                }

                start = i + 1;
            }
        }

        if (start < text.Length && text[start..].Trim().Length > 0)
        {
            yield return text[start..].Trim();
        }
    }
}

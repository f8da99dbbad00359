using SlmRag.Core.Chunking;
using SlmRag.Core.Documents;

namespace SlmRag.Answers;

/// <summary>
/// Chooses the sources an answer may use: whole chunks in retrieval order until the token budget is
/// spent, neighbouring chunks of the same section merged into one source, numbered from 1.
/// </summary>
internal static class ContextPacker
{
    public static List<AnswerSource> Pack(IReadOnlyList<(Chunk Chunk, DocumentRecord Document, double Score)> ranked, ITokenCounter counter, int tokenBudget, int maxSources)
    {
        var groups = new List<(DocumentRecord Document, List<Chunk> Chunks, double Score, int Tokens)>();
        var used = 0;
        foreach (var (chunk, document, score) in ranked)
        {
            var tokens = counter.CountTokens(chunk.Text);
            if (used + tokens > tokenBudget)
            {
                // A whole chunk or nothing: a cut passage can cut the answer in half.
                continue;
            }

            var neighbour = groups.FindIndex(g => g.Document.Id == document.Id
                && g.Chunks[0].SectionPath.SequenceEqual(chunk.SectionPath, StringComparer.Ordinal)
                && g.Chunks.Any(c => Math.Abs(c.Ordinal - chunk.Ordinal) == 1));
            if (neighbour >= 0)
            {
                var group = groups[neighbour];
                group.Chunks.Add(chunk);
                group.Chunks.Sort((a, b) => a.Ordinal.CompareTo(b.Ordinal));
                groups[neighbour] = group with { Tokens = group.Tokens + tokens };
            }
            else if (groups.Count < maxSources)
            {
                groups.Add((document, [chunk], score, tokens));
            }
            else
            {
                continue;
            }

            used += tokens;
        }

        return groups.Select((g, i) => new AnswerSource(i + 1, g.Document, g.Chunks, g.Score, g.Tokens)).ToList();
    }
}

using SlmRag.Core.Chunking;
using SlmRag.Core.Extraction;

namespace SlmRag.Ingestion.Chunking;

/// <summary>
/// Cuts blocks into sentence units, and sentences longer than the budget into word runs that fit,
/// so that no unit exceeds the chunk budget.
/// </summary>
internal sealed class SentenceSplitter(ITokenCounter counter, int maxTokens)
{
    public IReadOnlyList<TextUnit> Split(string text, IReadOnlyList<TextBlock> blocks)
    {
        var units = new List<TextUnit>();
        foreach (var block in blocks)
        {
            var blockTokens = counter.CountTokens(text.AsSpan(block.Start, block.Length));
            var first = true;
            foreach (var (start, end) in Sentences(text, block.Start, block.End))
            {
                foreach (var (s, e, tokens) in FitToBudget(text, start, end))
                {
                    units.Add(new TextUnit(s, e, tokens, first, first ? blockTokens : 0));
                    first = false;
                }
            }
        }

        return units;
    }

    private static IEnumerable<(int Start, int End)> Sentences(string text, int start, int end)
    {
        var sentenceStart = start;
        for (var i = start; i < end - 1; i++)
        {
            var c = text[i];
            var boundary = c is '.' or '!' or '?' or '。' or '！' or '？' or '\n' && char.IsWhiteSpace(text[i + 1]) || c == '\n';
            if (!boundary)
            {
                continue;
            }

            var next = i + 1;
            while (next < end && char.IsWhiteSpace(text[next]))
            {
                next++;
            }

            var sentenceEnd = c == '\n' ? i : i + 1;
            if (sentenceEnd > sentenceStart)
            {
                yield return (sentenceStart, sentenceEnd);
            }

            sentenceStart = next;
            i = next - 1;
        }

        if (end > sentenceStart)
        {
            yield return (sentenceStart, end);
        }
    }

    private IEnumerable<(int Start, int End, int Tokens)> FitToBudget(string text, int start, int end)
    {
        var tokens = counter.CountTokens(text.AsSpan(start, end - start));
        if (tokens <= maxTokens)
        {
            yield return (start, end, tokens);
            yield break;
        }

        // Greedy word runs; a single "word" longer than the budget (a URL, a hash) is cut by characters.
        var pieceStart = start;
        var pieceTokens = 0;
        var i = start;
        while (i < end)
        {
            var wordEnd = i;
            while (wordEnd < end && !char.IsWhiteSpace(text[wordEnd]) && wordEnd - i < maxTokens)
            {
                wordEnd++;
            }

            var wordTokens = counter.CountTokens(text.AsSpan(i, wordEnd - i));
            if (pieceTokens + wordTokens > maxTokens && pieceTokens > 0)
            {
                var pieceEnd = i;
                while (pieceEnd > pieceStart && char.IsWhiteSpace(text[pieceEnd - 1]))
                {
                    pieceEnd--;
                }

                yield return (pieceStart, pieceEnd, counter.CountTokens(text.AsSpan(pieceStart, pieceEnd - pieceStart)));
                pieceStart = i;
                pieceTokens = 0;
            }

            pieceTokens += wordTokens;
            i = wordEnd;
            while (i < end && char.IsWhiteSpace(text[i]))
            {
                i++;
            }
        }

        if (end > pieceStart)
        {
            yield return (pieceStart, end, counter.CountTokens(text.AsSpan(pieceStart, end - pieceStart)));
        }
    }
}

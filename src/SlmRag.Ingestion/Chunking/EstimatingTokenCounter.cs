using System.Globalization;
using SlmRag.Core.Chunking;

namespace SlmRag.Ingestion.Chunking;

/// <summary>
/// The default token counter, an estimate of what subword (BPE/SentencePiece) tokenizers produce,
/// used until a local model supplies its own tokenizer:
/// <list type="bullet">
/// <item>each run of letters or digits counts one token per started 6 characters ("policy" 1, "reimbursement" 3);</item>
/// <item>each CJK ideograph, kana or Hangul syllable counts one token;</item>
/// <item>each other visible character (punctuation, symbols, emoji) counts one token;</item>
/// <item>white space counts nothing.</item>
/// </list>
/// On English prose it counts about 1.3 tokens per word, close to GPT-style tokenizers and slightly
/// above them for long words, so budgets err on the side of smaller chunks. Stateless and thread-safe.
/// </summary>
public sealed class EstimatingTokenCounter : ITokenCounter
{
    public const int CharactersPerToken = 6;

    public string Name => "estimate-v1";

    public int CountTokens(ReadOnlySpan<char> text)
    {
        var tokens = 0;
        var run = 0;
        foreach (var c in text)
        {
            if (IsIdeographic(c))
            {
                tokens += RunTokens(run) + 1;
                run = 0;
            }
            else if (char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                run++;
            }
            else
            {
                tokens += RunTokens(run);
                run = 0;
                if (!char.IsWhiteSpace(c) && !char.IsLowSurrogate(c))
                {
                    tokens++;
                }
            }
        }

        return tokens + RunTokens(run);
    }

    private static int RunTokens(int run) => (run + CharactersPerToken - 1) / CharactersPerToken;

    private static bool IsIdeographic(char c) =>
        c is >= '\u3040' and <= '\u30FF' // hiragana, katakana
        or >= '\u3400' and <= '\u4DBF' // CJK extension A
        or >= '\u4E00' and <= '\u9FFF' // CJK unified ideographs
        or >= '\uAC00' and <= '\uD7AF' // Hangul syllables
        or >= '\uF900' and <= '\uFAFF'; // CJK compatibility ideographs
}

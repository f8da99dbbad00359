using System.Globalization;
using System.Text;

namespace SlmRag.Embeddings.MiniLM;

/// <summary>
/// The uncased BERT tokenizer that all-MiniLM-L6-v2 was trained with. Normalisation: control and
/// format characters removed, every Unicode whitespace a separator, CJK ideographs split into words
/// of their own, accents stripped (NFD without nonspacing marks), lower case. Pre-tokenisation: words
/// split on whitespace and on punctuation (ASCII symbols such as <c>=</c> and <c>$</c>, and every
/// Unicode P* character), each punctuation character a word. WordPiece: greedy longest match from
/// the vocabulary, continuations prefixed <c>##</c>; a word that cannot be matched, or of more than
/// 100 characters, is <c>[UNK]</c>. Text that looks like a special token (<c>[CLS]</c>) is tokenized as
/// text: documents cannot inject control tokens. Immutable and thread-safe.
/// </summary>
internal sealed class BertTokenizer
{
    public const int MaxWordCharacters = 100;

    private const string ContinuationPrefix = "##";

    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _starts;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _continuations;

    private BertTokenizer(IReadOnlyList<string> tokens)
    {
        var starts = new Dictionary<string, int>(StringComparer.Ordinal);
        var continuations = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var id = 0; id < tokens.Count; id++)
        {
            var token = tokens[id];
            if (token.StartsWith(ContinuationPrefix, StringComparison.Ordinal) && token.Length > ContinuationPrefix.Length)
            {
                continuations.TryAdd(token[ContinuationPrefix.Length..], id);
            }
            else
            {
                starts.TryAdd(token, id);
            }
        }

        _starts = starts.GetAlternateLookup<ReadOnlySpan<char>>();
        _continuations = continuations.GetAlternateLookup<ReadOnlySpan<char>>();
        VocabularySize = tokens.Count;
        PadId = Special(starts, "[PAD]");
        UnknownId = Special(starts, "[UNK]");
        ClsId = Special(starts, "[CLS]");
        SepId = Special(starts, "[SEP]");
    }

    public int VocabularySize { get; }

    public int PadId { get; }

    public int UnknownId { get; }

    public int ClsId { get; }

    public int SepId { get; }

    /// <summary>Reads a vocabulary file: one token per line, the line number its id (LF or CRLF).</summary>
    public static BertTokenizer Load(Stream vocabulary)
    {
        using var reader = new StreamReader(vocabulary, Encoding.UTF8);
        var tokens = new List<string>(32_000);
        while (reader.ReadLine() is { } line)
        {
            tokens.Add(line);
        }

        return tokens.Count >= 5 ? new BertTokenizer(tokens) : throw new InvalidDataException("The BERT vocabulary has fewer than 5 tokens.");
    }

    /// <summary><c>[CLS]</c>, the text's word pieces, <c>[SEP]</c>; at most <paramref name="maxTokens"/> ids in all (the text is truncated).</summary>
    public int[] Encode(string text, int maxTokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 2);
        var ids = new List<int>(Math.Min(maxTokens, (text.Length / 3) + 2)) { ClsId };
        var limit = maxTokens - 1;
        foreach (var word in Words(text))
        {
            if (!AppendWordPieces(word, ids, limit))
            {
                break;
            }
        }

        ids.Add(SepId);
        return [.. ids];
    }

    /// <summary>The normalised words and punctuation marks of <paramref name="text"/>, before WordPiece.</summary>
    internal static IEnumerable<string> Words(string text)
    {
        var normalized = Normalize(text);
        var word = new StringBuilder();
        foreach (var rune in normalized.EnumerateRunes())
        {
            var lower = Rune.ToLowerInvariant(rune);
            var punctuation = IsPunctuation(lower);
            if (Rune.IsWhiteSpace(lower) || punctuation)
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }

                if (punctuation)
                {
                    yield return lower.ToString();
                }
            }
            else
            {
                word.Append(lower.ToString());
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    /// <summary>Clean text, space out CJK ideographs, strip accents (lower case comes per rune in <see cref="Words"/>).</summary>
    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        // EnumerateRunes turns a lone surrogate into U+FFFD, which is dropped like the reference drops it.
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is 0 or 0xFFFD || IsControl(rune))
            {
                continue;
            }

            if (Rune.IsWhiteSpace(rune))
            {
                builder.Append(' ');
            }
            else if (IsCjkIdeograph(rune.Value))
            {
                builder.Append(' ');
                AccentFolding.Append(builder, rune);
                builder.Append(' ');
            }
            else
            {
                AccentFolding.Append(builder, rune);
            }
        }

        return builder.ToString();
    }

    /// <returns>false once <paramref name="limit"/> ids are reached (the rest of the text is cut).</returns>
    private bool AppendWordPieces(string word, List<int> ids, int limit)
    {
        if (ids.Count >= limit)
        {
            return false;
        }

        if (word.EnumerateRunes().Count() > MaxWordCharacters)
        {
            ids.Add(UnknownId);
            return true;
        }

        var start = ids.Count;
        var position = 0;
        while (position < word.Length)
        {
            var end = word.Length;
            var found = -1;
            while (end > position)
            {
                // Never cut a surrogate pair in two.
                if (end == word.Length || !char.IsLowSurrogate(word[end]))
                {
                    var piece = word.AsSpan(position, end - position);
                    if ((position == 0 ? _starts : _continuations).TryGetValue(piece, out found))
                    {
                        break;
                    }
                }

                end--;
            }

            if (end == position)
            {
                ids.RemoveRange(start, ids.Count - start);
                ids.Add(UnknownId);
                return true;
            }

            ids.Add(found);
            position = end;
        }

        if (ids.Count > limit)
        {
            ids.RemoveRange(limit, ids.Count - limit);
        }

        return true;
    }

    private static bool IsControl(Rune rune) =>
        rune.Value is not ('\t' or '\n' or '\r') && Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate;

    private static bool IsPunctuation(Rune rune) =>
        rune.Value is (>= 33 and <= 47) or (>= 58 and <= 64) or (>= 91 and <= 96) or (>= 123 and <= 126)
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;

    private static bool IsCjkIdeograph(int value) =>
        value is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF) or (>= 0x2A700 and <= 0x2B73F)
            or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B820 and <= 0x2CEAF) or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);

    private static int Special(Dictionary<string, int> tokens, string name) =>
        tokens.TryGetValue(name, out var id) ? id : throw new InvalidDataException($"The BERT vocabulary has no {name} token.");
}

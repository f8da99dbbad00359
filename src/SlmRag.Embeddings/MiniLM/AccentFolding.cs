using System.Globalization;
using System.Text;

namespace SlmRag.Embeddings.MiniLM;

/// <summary>
/// Strips accents as the uncased BERT normaliser does: canonical decomposition (NFD), then every
/// nonspacing mark (Mn) removed. SlmRag runs with invariant globalization, where
/// <see cref="string.Normalize()"/> leaves text unchanged, so the decompositions ship as a table
/// (<c>AccentFolding.txt</c>, generated from the Unicode data by tools/bert-reference/accent_folding.py);
/// Hangul syllables decompose by the Unicode algorithm. Immutable and thread-safe.
/// </summary>
internal static class AccentFolding
{
    private const int HangulBase = 0xAC00, HangulCount = 11172, LeadBase = 0x1100, VowelBase = 0x1161, TrailBase = 0x11A7, VowelCount = 21, TrailCount = 28;

    private static readonly Dictionary<int, string> Table = Load();

    /// <summary>Appends <paramref name="rune"/> decomposed and without nonspacing marks.</summary>
    public static void Append(StringBuilder builder, Rune rune)
    {
        var value = rune.Value;
        if (value is >= HangulBase and < HangulBase + HangulCount)
        {
            var index = value - HangulBase;
            builder.Append((char)(LeadBase + (index / (VowelCount * TrailCount))));
            builder.Append((char)(VowelBase + (index % (VowelCount * TrailCount) / TrailCount)));
            if (index % TrailCount != 0)
            {
                builder.Append((char)(TrailBase + (index % TrailCount)));
            }
        }
        else if (Table.TryGetValue(value, out var folded))
        {
            builder.Append(folded);
        }
        else if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark)
        {
            builder.Append(rune.ToString());
        }
    }

    private static Dictionary<int, string> Load()
    {
        using var stream = typeof(AccentFolding).Assembly.GetManifestResourceStream("SlmRag.Embeddings.MiniLM.AccentFolding.txt")
            ?? throw new InvalidOperationException("The accent folding table is missing from SlmRag.Embeddings.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var table = new Dictionary<int, string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var separator = line.IndexOf(';', StringComparison.Ordinal);
            var folded = new StringBuilder();
            foreach (var hex in line[(separator + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                folded.Append(char.ConvertFromUtf32(int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            }

            table[int.Parse(line.AsSpan(0, separator), NumberStyles.HexNumber, CultureInfo.InvariantCulture)] = folded.ToString();
        }

        return table;
    }
}

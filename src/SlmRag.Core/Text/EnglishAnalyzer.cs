using System.Globalization;
using System.Text;

namespace SlmRag.Core.Text;

/// <summary>
/// Turns text into index terms: Unicode word segmentation (runs of letters, marks and digits),
/// lower-casing, diacritics folded for Latin letters ("Café" → "cafe"), English stop words removed,
/// Porter stemming. The same analyzer must serve indexing and queries. Stateless and thread-safe.
/// </summary>
public static class EnglishAnalyzer
{
    /// <summary>Identifies the analysis, so an index built by another version is rebuilt.</summary>
    public const string Name = "english-porter-v2";

    public static List<string> Terms(ReadOnlySpan<char> text)
    {
        var terms = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                Add(word, terms);
            }
        }

        if (word.Length > 0)
        {
            Add(word, terms);
        }

        return terms;
    }

    private static void Add(StringBuilder word, List<string> terms)
    {
        var folded = Fold(word.ToString());
        word.Clear();
        if (folded.Length == 0 || folded.Length > 64 || EnglishStopWords.Words.Contains(folded))
        {
            return;
        }

        terms.Add(PorterStemmer.Stem(folded));
    }

    /// <summary>Lower-cases, strips combining marks and maps accented Latin letters to their base letters ("é" → "e", "ß" → "ss").</summary>
    /// <remarks>String.Normalize cannot decompose under invariant globalization, so the Latin-1 and Latin Extended-A letters are mapped by table.</remarks>
    private static string Fold(string word)
    {
        var lower = word.ToLowerInvariant();
        if (lower.All(char.IsAscii))
        {
            return lower;
        }

        var builder = new StringBuilder(lower.Length);
        foreach (var c in lower)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                continue;
            }

            builder.Append(LatinFolds.TryGetValue(c, out var plain) ? plain : c.ToString());
        }

        return builder.ToString();
    }

    private static readonly Dictionary<char, string> LatinFolds = BuildFolds(
        "àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįıĳĵķĸĺļľŀłńņňŉōŏőœŕŗřśŝşšţťŧũūŭůűųŵŷźżžſ",
        "a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o|o|u|u|u|u|y|th|y|a|a|a|c|c|c|c|d|d|e|e|e|e|e|g|g|g|g|h|h|i|i|i|i|i|ij|j|k|k|l|l|l|l|l|n|n|n|n|o|o|o|oe|r|r|r|s|s|s|s|t|t|t|u|u|u|u|u|u|w|y|z|z|z|s");

    private static Dictionary<char, string> BuildFolds(string accented, string plain)
    {
        var bases = plain.Split('|');
        return accented.Select((c, i) => (c, bases[i])).ToDictionary(p => p.c, p => p.Item2);
    }
}

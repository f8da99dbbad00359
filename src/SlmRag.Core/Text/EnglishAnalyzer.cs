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

    /// <summary>Lower-cases and strips combining marks (NFD), so accented and plain spellings match.</summary>
    private static string Fold(string word)
    {
        var lower = word.ToLowerInvariant();
        if (lower.All(char.IsAscii))
        {
            return lower;
        }

        var decomposed = lower.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark))
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}

using System.Text.RegularExpressions;

namespace SlmRag.Ingestion.Tests.Extraction;

/// <summary>How many of a reference conversion's words an extraction contains (bag of lower-cased words).</summary>
internal static partial class WordRecall
{
    public static double Of(string reference, string extracted)
    {
        var expected = Words(Markup().Replace(reference, " "));
        if (expected.Count == 0)
        {
            return 1;
        }

        var actual = Words(extracted).ToHashSet();
        return (double)expected.Count(actual.Contains) / expected.Count;
    }

    public static List<string> Words(string text) =>
        Word().Matches(text).Select(m => m.Value.ToLowerInvariant()).ToList();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    /// <summary>Markdown syntax, HTML comments (image placeholders) and link targets of the reference.</summary>
    [GeneratedRegex(@"<!--.*?-->|\]\([^)]*\)|!\[[^\]]*\]|\|\s*-+\s*(?=\|)|https?://\S+", RegexOptions.Singleline)]
    private static partial Regex Markup();
}

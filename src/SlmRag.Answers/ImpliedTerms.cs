using System.Text.RegularExpressions;
using SlmRag.Core.Text;

namespace SlmRag.Answers;

/// <summary>
/// The measure a sentence states without naming it: "at least 14 characters long" is a minimum length, "up to €750"
/// a maximum, "3 m wide" a width. A question asks with the noun ("What is the minimum password length?"); a text
/// answers with the adjective or the bound. Plain English, not any collection's wording. Thread-safe.
/// </summary>
internal static partial class ImpliedTerms
{
    private static readonly (Regex Pattern, List<string> Terms)[] Measures =
    [
        (Minimum(), EnglishAnalyzer.Terms("minimum")),
        (Maximum(), EnglishAnalyzer.Terms("maximum")),
        (Long(), EnglishAnalyzer.Terms("length")),
        (Wide(), EnglishAnalyzer.Terms("width")),
        (High(), EnglishAnalyzer.Terms("height")),
        (Heavy(), EnglishAnalyzer.Terms("weight")),
        (Deep(), EnglishAnalyzer.Terms("depth")),
        (Old(), EnglishAnalyzer.Terms("age")),
    ];

    /// <summary>Terms of the measures the text states that its own words do not name.</summary>
    public static IEnumerable<string> Of(string text, IReadOnlyCollection<string> terms) =>
        Measures.Where(m => m.Pattern.IsMatch(text)).SelectMany(m => m.Terms).Where(t => !terms.Contains(t)).Distinct(StringComparer.Ordinal);

    [GeneratedRegex(@"\b(at least|no fewer than|no less than|not less than|a minimum of)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Minimum();

    [GeneratedRegex(@"\b(at most|up to|no more than|not more than|a maximum of|must not exceed|may not exceed)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Maximum();

    [GeneratedRegex(@"\b\w+ (characters|digits|letters|words|pages|minutes|hours|days|weeks|months|years|metres|meters|m|km|cm|mm) long\b", RegexOptions.IgnoreCase)]
    private static partial Regex Long();

    [GeneratedRegex(@"\b\d[\d.,]*\s*(m|cm|mm|km|metres?|meters?|feet|ft|inches|in)? wide\b", RegexOptions.IgnoreCase)]
    private static partial Regex Wide();

    [GeneratedRegex(@"\b\d[\d.,]*\s*(m|cm|mm|km|metres?|meters?|feet|ft|inches|in|storeys|stories|floors)? (high|tall)\b", RegexOptions.IgnoreCase)]
    private static partial Regex High();

    [GeneratedRegex(@"\b(weighs?|weighing|heavier than)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Heavy();

    [GeneratedRegex(@"\b\d[\d.,]*\s*(m|cm|mm|km|metres?|meters?|feet|ft)? deep\b", RegexOptions.IgnoreCase)]
    private static partial Regex Deep();

    [GeneratedRegex(@"\b\d+ years? old\b|\baged \d+", RegexOptions.IgnoreCase)]
    private static partial Regex Old();
}

using System.Text.RegularExpressions;
using SlmRag.Core.Text;

namespace SlmRag.Answers;

/// <summary>
/// The measure a sentence states without naming it: "at least 14 characters long" is a minimum length, "up to €750"
/// a maximum, "3 m wide" a width. A question asks with the noun ("What is the minimum password length?"); a text
/// answers with the adjective or the bound. A span of clock times ("08:00 - 18:00", "9 am to 5 pm") is when something
/// opens and closes; a sum of money ("EUR 4.50", "€30 a month") is what something costs (not "free": a text calls many
/// things free that no question prices; implying a cost there lost a blind-check answer). Plain English, not any
/// collection's wording. Thread-safe.
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
        (Hours(), EnglishAnalyzer.Terms("open close hours time")),
        (KindWords.Sum(), EnglishAnalyzer.Terms("cost price fee charge")),
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

    /// <summary>Two clock times joined as a span: "08:00 - 18:00", "9:00–17:00", "9 am to 5 pm" (not "5 to 10 years").</summary>
    [GeneratedRegex(@"\b(\d{1,2}:\d{2}\s*([ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)\s*(-|–|—|to|until|till)\s*(\d{1,2}:\d{2}|\d{1,2}\s*[ap]\.?m\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Hours();
}

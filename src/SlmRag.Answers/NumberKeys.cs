using System.Globalization;
using System.Text.RegularExpressions;

namespace SlmRag.Answers;

/// <summary>
/// Comparable keys of the numbers a text states, so a question's number is found in a passage that writes it
/// another way: "25,000" is 25000, "the 1100s" is the 12th century, "1191" lies in it and in the 1190s, "the 11th
/// century" is the 1000s; and the ranges a passage states ("10 to 15 years", "€10,000 to €50,000", "above 5"), so
/// "after 12 years" finds its row. A question's year matches only that year; a passage's year also stands for its
/// decade and century. Immutable results; thread-safe.
/// </summary>
internal static partial class NumberKeys
{
    /// <summary>One key per number the question states, with its value when it is a plain number.</summary>
    public static List<(string Key, double? Value)> OfQuestion(string text) =>
        Mentions(WithDigits(text)).Select(m => (m.Period ?? m.Key, m.Period is null ? m.Value : null)).ToList();

    /// <summary>Every key of a unit's numbers (the numbers themselves, their decades and centuries) and the ranges it states.</summary>
    public static (HashSet<string> Keys, List<(double Low, double High)> Ranges) OfUnit(string text)
    {
        text = WithDigits(text);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in Mentions(text))
        {
            keys.Add(m.Key);
            if (m.Period is not null)
            {
                keys.Add(m.Period);
            }
            else if (m.Value is >= 100 and <= 2200 && m.Value % 1 == 0 && !m.Grouped)
            {
                var year = (int)m.Value;
                keys.Add("c" + ((year / 100) + 1).ToString(CultureInfo.InvariantCulture));
                keys.Add("d" + (year / 10).ToString(CultureInfo.InvariantCulture));
            }
        }

        var ranges = new List<(double, double)>();
        foreach (Match r in Between().Matches(text))
        {
            var low = Value(r.Groups["a"].Value);
            var high = Value(r.Groups["b"].Value);
            if (low < high)
            {
                ranges.Add((low, high));
            }
        }

        foreach (Match r in Bound().Matches(text))
        {
            var value = Value(r.Groups["n"].Value);
            ranges.Add(r.Groups["up"].Success ? (double.NegativeInfinity, value) : (value, double.PositiveInfinity));
        }

        return (keys, ranges);
    }

    /// <summary>Whether a unit states the question's number: the same key, or a range holding its value.</summary>
    public static bool Holds(this AnalyzedSentence unit, (string Key, double? Value) asked) =>
        unit.NumberKeys.Contains(asked.Key) || (asked.Value is { } v && unit.NumberRanges.Any(r => r.Low <= v && v <= r.High));

    private static IEnumerable<(string Key, double? Value, string? Period, bool Grouped)> Mentions(string text)
    {
        foreach (Match m in Number().Matches(text))
        {
            var digits = m.Groups["n"].Value;
            var value = Value(digits);
            var key = value.ToString(CultureInfo.InvariantCulture);
            string? period = null;
            if (m.Groups["plural"].Success && digits.Length is 3 or 4)
            {
                var whole = (int)value;
                period = whole % 100 == 0 ? "c" + ((whole / 100) + 1).ToString(CultureInfo.InvariantCulture) : "d" + (whole / 10).ToString(CultureInfo.InvariantCulture);
            }
            else if (m.Groups["ordinal"].Success)
            {
                key += "th";
                // "11th-century" is one word; "10th and 11th centuries" names the century a few words on.
                var after = text[(m.Index + m.Length)..];
                if (m.Groups["century"].Success || CenturyAhead().IsMatch(after))
                {
                    period = "c" + key[..^2];
                }
            }

            yield return (key, value, period, digits.Contains(',', StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// Number words as digits, so "more than ten visitors" holds 12 and "three days" states 3. "One" only after a bound
    /// ("at least one"): elsewhere it is as often a pronoun ("the one who") as a count.
    /// </summary>
    private static string WithDigits(string text) =>
        NumberWord().Replace(text, m => Words[m.Value.ToLowerInvariant()]);

    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["one"] = "1", ["two"] = "2", ["three"] = "3", ["four"] = "4", ["five"] = "5", ["six"] = "6", ["seven"] = "7", ["eight"] = "8",
        ["nine"] = "9", ["ten"] = "10", ["eleven"] = "11", ["twelve"] = "12", ["thirteen"] = "13", ["fourteen"] = "14", ["fifteen"] = "15",
        ["sixteen"] = "16", ["seventeen"] = "17", ["eighteen"] = "18", ["nineteen"] = "19", ["twenty"] = "20", ["thirty"] = "30",
        ["forty"] = "40", ["fifty"] = "50", ["sixty"] = "60", ["seventy"] = "70", ["eighty"] = "80", ["ninety"] = "90",
    };

    private static double Value(string digits) => double.Parse(digits.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);

    private const string Amount = @"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?";

    [GeneratedRegex(@"(?<![\p{L}\p{N}.,])(?<n>" + Amount + @")(?:(?<plural>'?s\b)|(?<ordinal>st|nd|rd|th)\b(?<century>-centur(?:y|ies))?)?", RegexOptions.IgnoreCase)]
    private static partial Regex Number();

    [GeneratedRegex(@"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|(?<=\b(?:than|least|most|to|over|under|above|below|only|exactly) )one)\b(?![-‑]\w)", RegexOptions.IgnoreCase)]
    private static partial Regex NumberWord();

    [GeneratedRegex(@"^\W+(?:\w+\W+){0,2}?centur(?:y|ies)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CenturyAhead();

    [GeneratedRegex(@"(?<a>" + Amount + @")\s*(?:[\p{L}%]{0,8}\s*)?(?:to|–|—|-|and)\s*[€$£]?\s*(?<b>" + Amount + @")", RegexOptions.IgnoreCase)]
    private static partial Regex Between();

    [GeneratedRegex(@"\b(?:(?<up>up to|less than|under|below|at most|fewer than|no more than)|more than|over|above|at least|from)\s*[€$£]?\s*(?<n>" + Amount + ")", RegexOptions.IgnoreCase)]
    private static partial Regex Bound();
}

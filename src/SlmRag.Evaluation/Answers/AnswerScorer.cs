using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SlmRag.Evaluation.Answers;

/// <summary>
/// Scores an answer against a reference the way reading-comprehension benchmarks do (SQuAD): lower-cased, punctuation,
/// articles and citation markers removed, whitespace collapsed; exact match and bag-of-tokens F1. Citations are valid
/// when the answer cites at least one source and every marker names a source the prompt numbered. An answer abstains
/// when it says NOT_FOUND (SlmRag's grounded prompt asks for that) or is empty.
/// </summary>
public static partial class AnswerScorer
{
    public const string NotFound = "NOT_FOUND";

    public static AnswerScore Score(string answer, string reference, IReadOnlySet<int> sourceNumbers)
    {
        var abstained = IsAbstention(answer);
        var markers = Markers(answer);
        var citationsValid = !abstained && markers.Count > 0 && markers.All(sourceNumbers.Contains);
        if (abstained && IsAbstention(reference))
        {
            return new AnswerScore(true, 1, false, true);
        }

        var predicted = Normalize(answer);
        var expected = Normalize(reference);
        return new AnswerScore(string.Join(' ', predicted) == string.Join(' ', expected), F1(predicted, expected), citationsValid, abstained);
    }

    public static bool IsAbstention(string answer) => answer.Trim().Length == 0 || answer.TrimStart().StartsWith(NotFound, StringComparison.Ordinal);

    /// <summary>The source numbers a grounded prompt offers (<c>&lt;source number="n"</c>).</summary>
    public static HashSet<int> SourceNumbers(string prompt) =>
        [.. SourceNumberPattern().Matches(prompt).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    public static List<int> Markers(string answer) =>
        [.. MarkerPattern().Matches(answer).Select(m => int.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out var n) ? n : -1)];

    public static List<string> Normalize(string text)
    {
        var folded = new StringBuilder();
        foreach (var c in MarkerPattern().Replace(text, " ").ToLowerInvariant())
        {
            folded.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }

        return [.. folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w is not ("a" or "an" or "the"))];
    }

    public static double F1(IReadOnlyList<string> predicted, IReadOnlyList<string> expected)
    {
        if (predicted.Count == 0 || expected.Count == 0)
        {
            return predicted.Count == expected.Count ? 1 : 0;
        }

        var counts = expected.GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());
        var common = 0;
        foreach (var word in predicted)
        {
            if (counts.TryGetValue(word, out var left) && left > 0)
            {
                counts[word] = left - 1;
                common++;
            }
        }

        if (common == 0)
        {
            return 0;
        }

        var precision = common / (double)predicted.Count;
        var recall = common / (double)expected.Count;
        return 2 * precision * recall / (precision + recall);
    }

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex MarkerPattern();

    [GeneratedRegex("<source number=\"(\\d+)\"")]
    private static partial Regex SourceNumberPattern();
}

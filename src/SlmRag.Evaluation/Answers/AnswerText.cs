using System.Text.RegularExpressions;

namespace SlmRag.Evaluation.Answers;

/// <summary>Measures of an answer's text: its length in words (citation markers excluded) and whether it repeats itself.</summary>
public static partial class AnswerText
{
    /// <summary>Words, without citation markers such as "[2]".</summary>
    public static int Words(string text) => Tokens(Marker().Replace(text, " ")).Count;

    /// <summary>True when a run of six words appears twice (a repeated sentence, row or quote).</summary>
    public static bool Repeats(string text)
    {
        var words = Tokens(Marker().Replace(text, " ").ToLowerInvariant()).Select(w => w.Trim('.', ',', ';', ':', '!', '?', '"', '(', ')')).Where(w => w.Length > 0).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 6 <= words.Count; i++)
        {
            if (!seen.Add(string.Join(' ', words.Skip(i).Take(6))))
            {
                return true;
            }
        }

        return false;
    }

    private static List<string> Tokens(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Where(t => t.Any(char.IsLetterOrDigit)).ToList();

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Marker();
}

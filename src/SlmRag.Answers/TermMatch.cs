namespace SlmRag.Answers;

/// <summary>
/// Matches a question's stemmed term in a text's terms, also when one stem extends the other by a little
/// ("program"/"programm", "employ"/"employe", "year"/"yearli") or by a derivational ending ("storage"/"stored"):
/// the stemmer leaves such variants apart.
/// </summary>
internal static class TermMatch
{
    public static bool In(string term, IReadOnlySet<string> terms)
    {
        if (terms.Contains(term))
        {
            return true;
        }

        if (term.Length < 4)
        {
            return false;
        }

        var root = Root(term);
        foreach (var other in terms)
        {
            if (other.Length >= 4 && (Extends(term, other) || Extends(root, Root(other))))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Extends(string a, string b) =>
        a.Length >= 4 && b.Length >= 4 && Math.Abs(a.Length - b.Length) <= 2
        && (a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal));

    /// <summary>
    /// The stem without an English derivational ending the stemmer keeps: "storag" (storage) is "stor" as in "store",
    /// "coverag" "cover", "resolut" (resolution) "resolv" as in "resolved".
    /// </summary>
    private static string Root(string stem) =>
        stem.EndsWith("olut", StringComparison.Ordinal) ? string.Concat(stem.AsSpan(0, stem.Length - 4), "olv")
        : stem.Length >= 6 && stem.EndsWith("ag", StringComparison.Ordinal) ? stem[..^2]
        : stem;
}

namespace SlmRag.Answers;

/// <summary>
/// Matches a question's stemmed term in a text's terms, also when one stem extends the other by a little
/// ("program"/"programm", "employ"/"employe", "year"/"yearli"): the stemmer leaves such variants apart.
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

        foreach (var other in terms)
        {
            if (other.Length >= 4 && Math.Abs(other.Length - term.Length) <= 2
                && (other.StartsWith(term, StringComparison.Ordinal) || term.StartsWith(other, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}

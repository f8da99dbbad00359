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

        foreach (var other in terms)
        {
            if (Same(term, other))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether two stems are the same term (equal, one extending the other, or one derivation of the other).</summary>
    public static bool Same(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return true;
        }

        if (a.Length < 4 || b.Length < 4)
        {
            return false;
        }

        if (Extends(a, b))
        {
            return true;
        }

        var rootA = Root(a);
        var rootB = Root(b);
        return (rootA.Length != a.Length || rootB.Length != b.Length)
            && (rootA.Length >= 3 && rootA.SequenceEqual(rootB) || Extends(rootA, rootB));
    }

    private static bool Extends(ReadOnlySpan<char> a, ReadOnlySpan<char> b) =>
        a.Length >= 4 && b.Length >= 4 && Math.Abs(a.Length - b.Length) <= 2 && (a.StartsWith(b) || b.StartsWith(a));

    /// <summary>
    /// The stem without an English derivational ending the stemmer keeps, as a slice (no allocation on this hot path):
    /// "storag" (storage) is "stor" as in "store", "coverag" "cover"; "resolut" (resolution) and "resolv" (resolved)
    /// are both "resol"; an adjective or person in -ean/-ian is its place or field: "european" is "europ" (Europe),
    /// "canadian" "canad" (Canada), "musician" "music" (a root of five letters at least: "persian" is not "person").
    /// </summary>
    private static ReadOnlySpan<char> Root(string stem) =>
        stem.EndsWith("olut", StringComparison.Ordinal) ? stem.AsSpan(0, stem.Length - 2)
        : stem.Length >= 8 && (stem.EndsWith("ean", StringComparison.Ordinal) || stem.EndsWith("ian", StringComparison.Ordinal)) ? stem.AsSpan(0, stem.Length - 3)
        : stem.EndsWith("olv", StringComparison.Ordinal) ? stem.AsSpan(0, stem.Length - 1)
        : stem.Length >= 6 && stem.EndsWith("ag", StringComparison.Ordinal) ? stem.AsSpan(0, stem.Length - 2)
        : stem;
}

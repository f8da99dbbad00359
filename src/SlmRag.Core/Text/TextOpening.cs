namespace SlmRag.Core.Text;

/// <summary>Compares how texts begin the way a reader would: case, whitespace and punctuation do not count.</summary>
public static class TextOpening
{
    /// <summary>Whether <paramref name="text"/> begins with <paramref name="prefix"/> (see <see cref="MatchEnd"/>).</summary>
    public static bool StartsWith(string text, string prefix) => MatchEnd(text, 0, prefix) >= 0;

    /// <summary>
    /// Where <paramref name="prefix"/> ends in <paramref name="text"/> when the text at <paramref name="start"/> begins with it,
    /// comparing letters and digits only and ignoring their case; -1 when it does not, or when the prefix has no letter or digit.
    /// The match must end at a word boundary of the text ("Intro" does not open "Introduction").
    /// </summary>
    public static int MatchEnd(string text, int start, string prefix)
    {
        var t = start;
        var matched = 0;
        foreach (var c in prefix)
        {
            if (!char.IsLetterOrDigit(c))
            {
                continue;
            }

            while (t < text.Length && !char.IsLetterOrDigit(text[t]))
            {
                t++;
            }

            if (t == text.Length || char.ToLowerInvariant(text[t]) != char.ToLowerInvariant(c))
            {
                return -1;
            }

            t++;
            matched++;
        }

        return matched > 0 && (t == text.Length || !char.IsLetterOrDigit(text[t])) ? t : -1;
    }
}

namespace SlmRag.Core.Text;

/// <summary>Compares how texts begin the way a reader would: case, whitespace and punctuation do not count.</summary>
public static class TextOpening
{
    /// <summary>Whether <paramref name="text"/> begins with <paramref name="prefix"/>, comparing letters and digits only and ignoring their case; a prefix without any is never an opening.</summary>
    public static bool StartsWith(string text, string prefix)
    {
        var t = 0;
        var p = 0;
        var matched = 0;
        while (p < prefix.Length)
        {
            if (!char.IsLetterOrDigit(prefix[p]))
            {
                p++;
                continue;
            }

            while (t < text.Length && !char.IsLetterOrDigit(text[t]))
            {
                t++;
            }

            if (t == text.Length || char.ToLowerInvariant(text[t]) != char.ToLowerInvariant(prefix[p]))
            {
                return false;
            }

            t++;
            p++;
            matched++;
        }

        // The prefix must end at a word boundary of the text ("Intro" does not open "Introduction").
        return matched > 0 && (t == text.Length || !char.IsLetterOrDigit(text[t]));
    }
}

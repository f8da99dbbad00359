namespace SlmRag.Answers;

/// <summary>Splits text into sentences as character ranges, so a quoted sentence keeps its exact offsets.</summary>
internal static class SentenceSpans
{
    public static IEnumerable<(int Start, int End)> Split(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var boundary = c == '\n'
                || (c is '.' or '!' or '?' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])) && !Abbreviation(text, i) && !Leader(text, i));
            if (!boundary)
            {
                continue;
            }

            var end = c == '\n' ? i : i + 1;
            if (Trimmed(text, ref start, ref end))
            {
                yield return (start, end);
            }

            start = i + 1;
        }

        var last = text.Length;
        if (Trimmed(text, ref start, ref last))
        {
            yield return (start, last);
        }
    }

    private static bool Trimmed(string text, ref int start, ref int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end - start >= 3;
    }

    /// <summary>The end of a run of dots ("132 kV ........ 2.0 m", "..."): a leader or ellipsis, not the end of a sentence.</summary>
    private static bool Leader(string text, int dot) => dot > 0 && text[dot - 1] == '.';

    /// <summary>"e.g." and single capitals ("J. Smith") do not end a sentence.</summary>
    private static bool Abbreviation(string text, int dot)
    {
        var wordStart = dot;
        while (wordStart > 0 && char.IsLetter(text[wordStart - 1]))
        {
            wordStart--;
        }

        var word = text.AsSpan(wordStart, dot - wordStart);
        var next = dot + 1;
        while (next < text.Length && text[next] == ' ')
        {
            next++;
        }

        // A sentence goes on in lower case or digits ("approx. 5", "vs. the"); a short lower-case word is an abbreviation ("ul. Dietla", "st. John").
        if (next < text.Length && text[next] != '\n' && (char.IsLower(text[next]) || (word.Length is 1 or 2 && word.ToString().All(char.IsLower))))
        {
            return true;
        }

        return word.Length == 1 && char.IsUpper(word[0])
            || word.Equals("e.g", StringComparison.OrdinalIgnoreCase) || word.Equals("g", StringComparison.Ordinal) && dot >= 3 && text[dot - 2] == '.'
            || word.Equals("etc", StringComparison.OrdinalIgnoreCase) || word.Equals("approx", StringComparison.OrdinalIgnoreCase)
            || word.Equals("no", StringComparison.OrdinalIgnoreCase) && dot + 2 < text.Length && char.IsDigit(text[dot + 2]);
    }
}

namespace SlmRag.Answers;

/// <summary>Splits text into sentences as character ranges, so a quoted sentence keeps its exact offsets.</summary>
internal static class SentenceSpans
{
    public static IEnumerable<(int Start, int End)> Split(string text)
    {
        var start = 0;
        var rowLine = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (i == 0 || text[i - 1] == '\n')
            {
                rowLine = TableRowLine(text, i) || KeyValueLine(text, i);
            }

            var c = text[i];
            // A table row is one unit: "Data protection officer | Dr. Helena Brandt | dpo@example.com" is not two sentences;
            // nor is a short key-value line, whose later sentences say more about its key ("Entrance B: Mill Lane. The closest ...").
            var boundary = c == '\n'
                || (c is '.' or '!' or '?' && !rowLine && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])) && !Abbreviation(text, i) && !Leader(text, i));
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

    private static bool TableRowLine(string text, int lineStart)
    {
        var end = text.IndexOf('\n', lineStart);
        var line = text.AsSpan(lineStart, (end < 0 ? text.Length : end) - lineStart);
        return line.Contains(" | ", StringComparison.Ordinal);
    }

    /// <summary>
    /// A line opening with a short key and a colon ("Entrance B: Mill Lane. Open 07:00 - 18:00."; a definition list's
    /// entry, a field of a form), at most 45 words in all.
    /// </summary>
    private static bool KeyValueLine(string text, int lineStart)
    {
        var end = text.IndexOf('\n', lineStart);
        var line = text.AsSpan(lineStart, (end < 0 ? text.Length : end) - lineStart);
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0 || colon > 60)
        {
            return false;
        }

        var key = line[..colon];
        if (key.IndexOfAny('.', '!', '?') >= 0 || key.Count(' ') >= 6)
        {
            return false;
        }

        return line.Count(' ') < 45;
    }

    /// <summary>The end of a run of dots ("132 kV ........ 2.0 m", "..."): a leader or ellipsis, not the end of a sentence.</summary>
    private static bool Leader(string text, int dot) => dot > 0 && text[dot - 1] == '.';

    /// <summary>A title before a name ("Dr. Helena Brandt", "Prof. Weber", "Mr. Smith") does not end a sentence.</summary>
    private static bool Title(ReadOnlySpan<char> word) =>
        word is "Dr" or "Mr" or "Mrs" or "Ms" or "Prof" or "Mx" or "Sr" or "Jr" or "St" or "Dipl" or "Ing" or "Hon" or "Rev" or "Gen" or "Capt" or "Col" or "Lt" or "Sgt";

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
            || Title(word) && next < text.Length && char.IsUpper(text[next])
            || word.Equals("no", StringComparison.OrdinalIgnoreCase) && dot + 2 < text.Length && char.IsDigit(text[dot + 2]);
    }
}

namespace SlmRag.Core.Text;

/// <summary>
/// M. F. Porter's 1980 suffix-stripping algorithm ("An algorithm for suffix stripping", Program 14(3)),
/// over lower-case ASCII words; other words are returned unchanged. Stateless and thread-safe.
/// </summary>
public static class PorterStemmer
{
    private static readonly (string Suffix, string Replacement)[] Step2 =
    [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("bli", "ble"),
        ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
        ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
        ("iviti", "ive"), ("biliti", "ble"), ("logi", "log"),
    ];

    private static readonly (string Suffix, string Replacement)[] Step3 =
    [
        ("icate", "ic"), ("ative", string.Empty), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", string.Empty), ("ness", string.Empty),
    ];

    private static readonly string[] Step4 =
    [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize",
    ];

    public static string Stem(string word)
    {
        if (word.Length <= 2 || !word.All(char.IsAsciiLetterLower))
        {
            return word;
        }

        var w = word.ToCharArray().ToList();
        Step1A(w);
        Step1B(w);
        Step1C(w);
        ReplaceFirst(w, Step2, minMeasure: 1);
        ReplaceFirst(w, Step3, minMeasure: 1);
        Step4Strip(w);
        Step5(w);
        return new string(w.ToArray());
    }

    private static void Step1A(List<char> w)
    {
        if (EndsWith(w, "sses") || EndsWith(w, "ies"))
        {
            w.RemoveRange(w.Count - 2, 2);
        }
        else if (!EndsWith(w, "ss") && EndsWith(w, "s"))
        {
            w.RemoveAt(w.Count - 1);
        }
    }

    private static void Step1B(List<char> w)
    {
        if (EndsWith(w, "eed"))
        {
            if (Measure(w, w.Count - 3) > 0)
            {
                w.RemoveAt(w.Count - 1);
            }

            return;
        }

        var suffix = EndsWith(w, "ed") ? 2 : EndsWith(w, "ing") ? 3 : 0;
        if (suffix == 0 || !HasVowel(w, w.Count - suffix))
        {
            return;
        }

        w.RemoveRange(w.Count - suffix, suffix);
        if (EndsWith(w, "at") || EndsWith(w, "bl") || EndsWith(w, "iz"))
        {
            w.Add('e');
        }
        else if (EndsWithDoubleConsonant(w) && w[^1] is not ('l' or 's' or 'z'))
        {
            w.RemoveAt(w.Count - 1);
        }
        else if (Measure(w, w.Count) == 1 && EndsCvc(w, w.Count))
        {
            w.Add('e');
        }
    }

    private static void Step1C(List<char> w)
    {
        if (EndsWith(w, "y") && HasVowel(w, w.Count - 1))
        {
            w[^1] = 'i';
        }
    }

    private static void ReplaceFirst(List<char> w, (string Suffix, string Replacement)[] rules, int minMeasure)
    {
        // The longest matching suffix decides; if its condition fails, no shorter suffix is tried.
        foreach (var (suffix, replacement) in rules.OrderByDescending(r => r.Suffix.Length))
        {
            if (!EndsWith(w, suffix))
            {
                continue;
            }

            if (Measure(w, w.Count - suffix.Length) >= minMeasure)
            {
                w.RemoveRange(w.Count - suffix.Length, suffix.Length);
                w.AddRange(replacement);
            }

            return;
        }
    }

    private static void Step4Strip(List<char> w)
    {
        foreach (var suffix in Step4.OrderByDescending(s => s.Length))
        {
            if (!EndsWith(w, suffix))
            {
                continue;
            }

            var stem = w.Count - suffix.Length;
            if (Measure(w, stem) > 1 && (suffix != "ion" || (stem > 0 && w[stem - 1] is 's' or 't')))
            {
                w.RemoveRange(stem, suffix.Length);
            }

            return;
        }
    }

    private static void Step5(List<char> w)
    {
        if (EndsWith(w, "e"))
        {
            var m = Measure(w, w.Count - 1);
            if (m > 1 || (m == 1 && !EndsCvc(w, w.Count - 1)))
            {
                w.RemoveAt(w.Count - 1);
            }
        }

        if (EndsWith(w, "ll") && Measure(w, w.Count) > 1)
        {
            w.RemoveAt(w.Count - 1);
        }
    }

    private static bool IsConsonant(List<char> w, int i) => w[i] switch
    {
        'a' or 'e' or 'i' or 'o' or 'u' => false,
        'y' => i == 0 || !IsConsonant(w, i - 1),
        _ => true,
    };

    /// <summary>m in [C](VC)^m[V] over w[0..length).</summary>
    private static int Measure(List<char> w, int length)
    {
        var m = 0;
        var i = 0;
        while (i < length && IsConsonant(w, i))
        {
            i++;
        }

        while (i < length)
        {
            while (i < length && !IsConsonant(w, i))
            {
                i++;
            }

            if (i >= length)
            {
                break;
            }

            while (i < length && IsConsonant(w, i))
            {
                i++;
            }

            m++;
        }

        return m;
    }

    private static bool HasVowel(List<char> w, int length)
    {
        for (var i = 0; i < length; i++)
        {
            if (!IsConsonant(w, i))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsWithDoubleConsonant(List<char> w) =>
        w.Count >= 2 && w[^1] == w[^2] && IsConsonant(w, w.Count - 1);

    /// <summary>*o: w[0..length) ends consonant-vowel-consonant, the last not w, x or y.</summary>
    private static bool EndsCvc(List<char> w, int length) =>
        length >= 3 && IsConsonant(w, length - 1) && !IsConsonant(w, length - 2) && IsConsonant(w, length - 3)
        && w[length - 1] is not ('w' or 'x' or 'y');

    private static bool EndsWith(List<char> w, string suffix)
    {
        if (w.Count < suffix.Length)
        {
            return false;
        }

        for (var i = 0; i < suffix.Length; i++)
        {
            if (w[w.Count - suffix.Length + i] != suffix[i])
            {
                return false;
            }
        }

        return true;
    }
}

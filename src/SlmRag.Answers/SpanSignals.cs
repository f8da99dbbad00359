using System.Text.RegularExpressions;

namespace SlmRag.Answers;

/// <summary>
/// How well one quotable unit answers a question, as separate signals (each 0 to 1) so their contribution
/// can be measured: idf-weighted term coverage (terms of the title and heading count half, three quarters
/// for a dot-leader entry), whether it holds what the question's form asks for (a number, a date, a name not
/// in the question, a sum of money, a span of time), whether it states the question's own numbers, how much of the question's word order it keeps, and for a table row whether the
/// question names both the row and one of its columns (the cell it asks for).
/// </summary>
internal readonly partial record struct SpanSignals(double Coverage, double Fits, double Numbers, double Alignment, double Cell = 0)
{
    /// <summary>Signals switched off for ablation (<see cref="AnswerOptions.DisabledSignals"/>): "form", "numbers", "alignment", "context", "cell".</summary>
    public static SpanSignals Of(QuestionForm form, AnalyzedSentence unit, IReadOnlySet<string> context, IReadOnlyDictionary<string, double> weights, IReadOnlySet<string> disabled)
    {
        var total = weights.Values.Sum();
        double covered = 0;
        // Terms of the title and headings place a unit; a dot-leader entry names nothing else, so they count more for it.
        var placed = unit.IsLeaderEntry ? 0.75 : 0.5;
        foreach (var (term, weight) in weights)
        {
            covered += TermMatch.In(term, unit.TermSet) ? weight
                : !disabled.Contains("context") && (TermMatch.In(term, context) || TermMatch.In(term, unit.Heading)) ? placed * weight : 0;
        }

        var words = unit.Words;
        var fits = disabled.Contains("form") ? 1 : Fit(form, unit);
        var numbers = disabled.Contains("numbers") || form.NumberKeys.Count == 0 ? 1
            : (double)form.NumberKeys.Count(unit.Holds) / form.NumberKeys.Count;
        var alignment = disabled.Contains("alignment") ? 0 : WordOrder(form.Words, words);
        var cell = disabled.Contains("cell") ? 0 : CellShare(form, unit, weights);
        return new SpanSignals(total == 0 ? 0 : covered / total, fits, numbers, alignment, cell);
    }

    /// <summary>Ranking score of a unit as an answer.</summary>
    public double Score => Coverage + 0.5 * Fits + 0.3 * Numbers + 0.2 * Alignment + 0.2 * Cell;

    /// <summary>
    /// The share of a row's label the question names, when the question also points at one of the row's columns, by
    /// name or by what it asks for: "revenue in 2025" points at the cell of row "Revenue" and column "2025", "where are
    /// acids stored" at row "Acids" and column "Cabinet", where a sentence that merely mentions the words does not.
    /// </summary>
    private static double CellShare(QuestionForm form, AnalyzedSentence unit, IReadOnlyDictionary<string, double> weights)
    {
        if (unit.LabelTerms.Count == 0)
        {
            return 0;
        }

        bool Asked(string term) => weights.Keys.Any(asked => TermMatch.Same(asked, term));
        var pointed = unit.ColumnTerms.Any(column => column.Any(Asked)) || unit.ColumnKinds.Contains(form.Kind);
        return pointed ? (double)unit.LabelTerms.Count(Asked) / unit.LabelTerms.Count : 0;
    }

    /// <summary>Answerability of the best unit: coverage discounted when the asked-for kind or the question's numbers are missing.</summary>
    public double Support => Coverage * (0.7 + 0.3 * Fits) * (0.5 + 0.5 * Numbers);

    private static double Fit(QuestionForm form, AnalyzedSentence unit)
    {
        var text = unit.Text;
        switch (form.Kind)
        {
            case AnswerKind.Number:
                return NewNumber(form, unit) || NumberWord().IsMatch(text) ? 1 : 0;
            case AnswerKind.Money:
                return KindWords.Money(text) ? 1 : 0;
            case AnswerKind.Duration:
                // A number without a unit of time ("up to 30 items") half answers "how long".
                return KindWords.Duration().IsMatch(text) ? 1 : NewNumber(form, unit) ? 0.5 : 0;
            case AnswerKind.Date:
                return DateLike().Matches(text).Any(m => !form.Numbers.Contains(m.Value.ToLowerInvariant()) && !form.Text.Contains(m.Value, StringComparison.OrdinalIgnoreCase)) ? 1 : 0;
            case AnswerKind.Name:
                return NewName(form, text) ? 1 : 0;
            case AnswerKind.Place:
                // A place is a name ("Munich") or, inside an organisation, a spot: "the blue cabinet, bottom shelf", "reception".
                return NewName(form, text) || KindWords.Place().Matches(text).Any(m => !form.Text.Contains(m.Value, StringComparison.OrdinalIgnoreCase)) ? 1 : 0;
            default:
                return 1;
        }
    }

    /// <summary>A word with a digit the question does not state.</summary>
    private static bool NewNumber(QuestionForm form, AnalyzedSentence unit) => unit.Words.Any(w => w.Any(char.IsDigit) && !form.Numbers.Contains(w));

    /// <summary>A capitalised word the question does not hold; a day or month is a date, not a name or a place.</summary>
    private static bool NewName(QuestionForm form, string text) =>
        Capitalised().Matches(text).Select(m => m.Value.ToLowerInvariant())
            .Any(w => !form.Names.Contains(w) && !form.Text.Contains(w, StringComparison.OrdinalIgnoreCase) && !KindWords.Calendar.Contains(w));

    /// <summary>
    /// Share of the question's adjacent word pairs (after its question word) that the unit repeats: "fled to" is not
    /// "fled from". A question inverted around a copula ("who is the data officer") also counts in its declarative
    /// order ("the data officer is"), the order a sentence stating the answer uses.
    /// </summary>
    private static double WordOrder(IReadOnlyList<string> question, IReadOnlyList<string> unit)
    {
        if (question.Count < 3)
        {
            return 0;
        }

        var pairs = new HashSet<(string, string)>();
        for (var i = 0; i + 1 < unit.Count; i++)
        {
            pairs.Add((unit[i], unit[i + 1]));
        }

        var asked = question.Count - 2;
        var kept = 0;
        for (var i = 1; i + 1 < question.Count; i++)
        {
            kept += pairs.Contains((question[i], question[i + 1])) ? 1 : 0;
        }

        if (Copulas.Contains(question[1]) && question.Count >= 4)
        {
            // "is the data officer" read as "the data officer is": the subject's pairs, then its last word and the copula.
            var declarative = pairs.Contains((question[^1], question[1])) ? 1 : 0;
            for (var i = 2; i + 1 < question.Count; i++)
            {
                declarative += pairs.Contains((question[i], question[i + 1])) ? 1 : 0;
            }

            kept = Math.Max(kept, declarative);
        }

        return (double)kept / asked;
    }

    private static readonly HashSet<string> Copulas = new(["is", "are", "was", "were"], StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|billion|half|twice|once|dozen|several)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NumberWord();

    [GeneratedRegex(@"\b(\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}|\d{3,4}s?|\d{1,2}(st|nd|rd|th)|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|century|centuries|decade|today|yesterday|tomorrow|annually|weekly|daily|monthly|year|years|weeks?|days?|months?|hours?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DateLike();

    [GeneratedRegex(@"(?<=[\p{L}\p{N},;:()""'’] )\p{Lu}[\p{L}\-']+|^\p{Lu}[\p{L}\-']+(?= \p{Lu})")]
    private static partial Regex Capitalised();
}

using System.Text.RegularExpressions;
using SlmRag.Core.Text;

namespace SlmRag.Answers;

/// <summary>
/// A question's form: what kind of answer it asks for (from the English question words, not from any
/// collection's wording), its terms, the names it mentions and the numbers it states. Immutable.
/// </summary>
internal sealed partial class QuestionForm
{
    private QuestionForm(string question)
    {
        Text = question;
        Compares = Comparing().IsMatch(question);
        var second = SecondQuestion().Match(question);
        SecondPart = second.Success ? second.Groups["second"].Value : null;
        // The words that make a question a comparison say what kind of answer is wanted, not where it is.
        Terms = SubjectTerms(Compares ? Comparing().Replace(question, " ") : question).Distinct(StringComparer.Ordinal).ToList();
        // "I'm 40 and paying for myself. How much does one session cost?": the last sentence asks, the ones before set the scene.
        var asked = Preamble().Match(question) is { Success: true } scene ? question[scene.Length..] : question;
        PreambleTerms = asked.Length == question.Length ? new HashSet<string>()
            : Terms.Except(SubjectTerms(asked)).ToHashSet(StringComparer.Ordinal);
        Kind = KindOf(asked);
        Words = Tokens(question);
        Numbers = Words.Where(w => w.Any(char.IsDigit)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // The asker's own numbers ("I'm 67", "my flight is at 6:30") set the scene; the sources seldom repeat them.
        NumberKeys = Answers.NumberKeys.OfQuestion(asked);
        var raw = question.Split([' ', '?', ',', '.', '!', ':', ';', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
        Names = raw.Skip(1).Where(w => w.Length >= 2 && char.IsUpper(w[0])).Select(w => w.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        NamedTerms = raw.Skip(1).Where(w => w.Length >= 3 && char.IsUpper(w[0]) && w.Skip(1).All(char.IsLower) && !KindWords.Calendar.Contains(w.ToLowerInvariant()))
            .SelectMany(w => EnglishAnalyzer.Terms(w)).ToHashSet(StringComparer.Ordinal);
    }

    public string Text { get; }

    public AnswerKind Kind { get; }

    /// <summary>Terms only the statements before the question sentence hold ("I'm 40 and paying for myself."): they count less.</summary>
    public IReadOnlySet<string> PreambleTerms { get; }

    /// <summary>Distinct analyzed terms.</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>The question's words, lower-cased, stop words kept (for word-order alignment).</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>Words holding a digit ("1191", "14th", "1100s"): a passage answering the question states them too.</summary>
    public IReadOnlySet<string> Numbers { get; }

    /// <summary>The stated numbers as comparable keys (<see cref="Answers.NumberKeys"/>): "1100s" is the 12th century.</summary>
    public IReadOnlyList<(string Key, double? Value)> NumberKeys { get; }

    /// <summary>Capitalised words after the first (lower-cased): an answer of kind Name or Place is a name other than these.</summary>
    public IReadOnlySet<string> Names { get; }

    /// <summary>Terms of capitalised words after the first: names of places, products, people.</summary>
    public IReadOnlySet<string> NamedTerms { get; }

    /// <summary>The question compares or aggregates ("compare", "difference between", "each", "both", "versus").</summary>
    public bool Compares { get; }

    /// <summary>The second of two things a question asks ("how many ..., and <b>until when must I take them</b>?"); null for one.</summary>
    public string? SecondPart { get; }

    public static QuestionForm Of(string question) => new(question);

    /// <summary>Lower-cased word tokens (letters, digits, and inner hyphens or apostrophes).</summary>
    public static List<string> Tokens(string text) =>
        WordToken().Matches(text).Select(m => m.Value.ToLowerInvariant()).ToList();

    /// <summary>
    /// The terms of what a question is about. The measure word of "how long" or "how old" says what kind of answer is wanted
    /// (a duration, an age), not where it is: "how long is the buddy programme" is not about length. A contraction's tail
    /// ("I'm", "we're", "o'clock") is no term: left in, "m" or "o" would count as a rare word no source holds.
    /// </summary>
    private static List<string> SubjectTerms(string text) =>
        EnglishAnalyzer.Terms(Contraction().Replace(HowMeasure().Replace(text, "how "), string.Empty));

    /// <summary>Sentences ending in a full stop or exclamation mark before a final question sentence.</summary>
    [GeneratedRegex(@"^.*[.!](?=\s+[^.!?]+\?\s*$)", RegexOptions.Singleline)]
    private static partial Regex Preamble();

    private static AnswerKind KindOf(string question)
    {
        var q = question.Trim().ToLowerInvariant();
        if (DateQuestion().IsMatch(q))
        {
            return AnswerKind.Date;
        }

        if (MoneyQuestion().IsMatch(q))
        {
            return AnswerKind.Money;
        }

        if (DurationQuestion().IsMatch(q))
        {
            return AnswerKind.Duration;
        }

        if (NumberQuestion().IsMatch(q))
        {
            return AnswerKind.Number;
        }

        if (NameQuestion().IsMatch(q))
        {
            return AnswerKind.Name;
        }

        if (PlaceQuestion().IsMatch(q))
        {
            return AnswerKind.Place;
        }

        return YesNoQuestion().IsMatch(q) ? AnswerKind.YesNo : AnswerKind.Other;
    }

    // "When should I ..." asks for a condition, not a date.
    [GeneratedRegex(@"^(when\b(?! (should|can|could|may|must|do|would) (i|we|you|employees|staff)\b)|(in |by |until |since |from |at )?(what|which) (year|years|date|day|month|time|century|decade|period|hour|deadline)\b|by when\b|until when\b)|\b(what|which) (year|date|century|decade)\b")]
    private static partial Regex DateQuestion();

    /// <summary>
    /// A price: "how much is / does / for ...", "what does X cost", "the fee for X", "what is the (late) fee". Not "how much
    /// leave" (a quantity of something named) nor "which costs are covered" (a list).
    /// </summary>
    [GeneratedRegex(@"\bhow much (is|are|was|were|does|do|did|will|would|should|must|can|for|to pay)\b(?!.*\b(weigh|weighs|hold|holds|take|takes|last|lasts)\b)|^what (does|do|did|will|would) .*\bcost\b|\b(the|a|an) ([a-z-]+ ){0,3}(price|fee|charge|cost|rent|tariff)s? (of|for|to)\b|^(what|which) (is|are|was|were) the ([a-z-]+ ){0,3}(price|fee|charge|cost|rent|tariff)s?\b")]
    private static partial Regex MoneyQuestion();

    /// <summary>
    /// A span of time: "how long" asked of an action or state ("how long can I borrow", "how long does a permit stay valid");
    /// not "how long must passwords be" or "how long is the cable" (a length, or either).
    /// </summary>
    [GeneratedRegex(@"\bhow long (do|does|did|can|could|will|would|must|should|may|have|has)\b(?!.*\bbe\W*$)|\bfor how long\b|\bhow many (minutes|hours|days|weeks|months|years)\b")]
    private static partial Regex DurationQuestion();

    [GeneratedRegex(@"\bhow (many|much|long|large|big|far|tall|high|old|often|quickly|soon|fast|early|late|frequently)\b|\b(what|which) (is the )?(number|percentage|percent|amount|share|rate|price|cost|limit|maximum|minimum|size|length|height|distance|age|fee|budget|allowance|salary)\b|\bwithin how\b|\bhow much\b")]
    private static partial Regex NumberQuestion();

    [GeneratedRegex(@"^(who|whom|whose)\b|\b(who|whom|whose) (was|is|were|are|did|does|do|has|had|will|can|must|should)\b|^(what|which) (person|people|man|woman|king|leader|company|team|group|organi[sz]ation|department|ruler|duke|author|vendor|supplier|provider)\b")]
    private static partial Regex NameQuestion();

    [GeneratedRegex(@"^where\b|\bwhere (is|are|was|were|do|does|did|can|should|must)\b|^(in |to |from )?(what|which) (country|city|town|place|region|island|office|building|room|floor|location|continent|state|river)\b")]
    private static partial Regex PlaceQuestion();

    [GeneratedRegex(@"\bhow (long|old|far|often|big|large|tall|high|soon|early|late|fast|quickly|frequently)\b", RegexOptions.IgnoreCase)]
    private static partial Regex HowMeasure();

    [GeneratedRegex(@"^(is|are|was|were|can|could|do|does|did|may|might|must|should|shall|will|would|has|have|had)\b")]
    private static partial Regex YesNoQuestion();

    [GeneratedRegex(@"\b(compare|comparison|difference|differ|differences|versus|vs\.?|both|each of|all of the|across|which of the|between)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Comparing();

    [GeneratedRegex(@"\w[^?]*?(?:,\s*|\s)(?:and|or|also)\s+(?<second>(?:(?:until|by|since|from|in|at|for|to)\s+)?(?:how|what|when|where|who|whom|which|why|whether)\b.*)", RegexOptions.IgnoreCase)]
    private static partial Regex SecondQuestion();

    [GeneratedRegex(@"(?<=\p{L})['’](?:m|re|ve|ll|d)\b|\bo['’](?=clock\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Contraction();

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*")]
    private static partial Regex WordToken();
}

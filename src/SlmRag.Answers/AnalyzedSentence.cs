namespace SlmRag.Answers;

/// <summary>
/// A unit an answer can quote: a sentence, table row, list item, key-value or dot-leader line. Its range within the chunk text, its terms, and its words in order.
/// </summary>
/// <param name="Columns">For a table row under a header row, that header ("Figure | 2024 | 2025"): a row is read with its column names.</param>
internal sealed record AnalyzedSentence(int Start, int End, List<string> Terms, string Text, string? Columns = null)
{
    public HashSet<string> TermSet { get; } = Terms.ToHashSet(StringComparer.Ordinal);

    /// <summary>Lower-cased words, stop words kept.</summary>
    public IReadOnlyList<string> Words { get; } = QuestionForm.Tokens(Text);

    /// <summary>Keys of the numbers the unit states, with the decades and centuries its years fall in.</summary>
    public IReadOnlySet<string> NumberKeys => _numbers.Keys;

    /// <summary>Ranges the unit states ("10 to 15 years", "above €50,000").</summary>
    public IReadOnlyList<(double Low, double High)> NumberRanges => _numbers.Ranges;

    // A row under "Figure | 2024 | 2025" states a figure for each year: it holds the years of its columns.
    private readonly (HashSet<string> Keys, List<(double Low, double High)> Ranges) _numbers = Answers.NumberKeys.OfUnit(Columns is null ? Text : Text + " | " + Columns);

    /// <summary>For a row read with its header: the terms of its first cell, which names the row ("Revenue").</summary>
    public IReadOnlyList<string> LabelTerms { get; init; } = [];

    /// <summary>For a row read with its header: the terms of each other column's name ("2024", "2025").</summary>
    public IReadOnlyList<IReadOnlyList<string>> ColumnTerms { get; init; } = [];

    /// <summary>For a row read with its header: the kinds of answer its columns' names say they hold ("Cabinet": a place).</summary>
    public IReadOnlySet<AnswerKind> ColumnKinds { get; init; } = new HashSet<AnswerKind>();

    /// <summary>A table's header row: it names columns and answers nothing.</summary>
    public bool IsHeaderRow { get; init; }

    /// <summary>
    /// A dot-leader entry ("Wednesday ........ closed"): elliptical by design, it states its subject only through the
    /// title and heading it stands under, so their terms count nearly as its own.
    /// </summary>
    public bool IsLeaderEntry { get; } = HasLeader(Text);

    /// <summary>Four dots or more in a row ("Sunday ........ 08:00", ". . . ."); three are an ellipsis.</summary>
    public static bool HasLeader(string text) => ExtractiveAnswerer.Leaders().IsMatch(text);

    /// <summary>Terms of the heading the unit stands under within its chunk: they place it, as the section path does.</summary>
    public IReadOnlySet<string> Heading { get; init; } = new HashSet<string>();
}

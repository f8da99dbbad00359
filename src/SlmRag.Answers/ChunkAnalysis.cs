using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using SlmRag.Core.Chunking;
using SlmRag.Core.Text;

namespace SlmRag.Answers;

/// <summary>
/// A chunk's quotable units (<see cref="AnalyzedSentence"/>) with their analyzed terms, computed once per
/// chunk version and shared by the evidence scorer and the extractive answerer: analysis (stemming) is most
/// of an extractive answer's cost. Headings are joined to the line they introduce; running page footers are dropped.
/// </summary>
internal sealed partial class ChunkAnalysis
{
    private const int MaxCached = 20_000;
    private static readonly ConcurrentDictionary<string, ChunkAnalysis> Cache = new(StringComparer.Ordinal);

    private ChunkAnalysis(Chunk chunk)
    {
        var context = chunk.SectionPath.Prepend(chunk.Title).Select(s => s.Trim().TrimStart('#').Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var raw = SentenceSpans.Split(chunk.Text).ToList();
        var units = new List<AnalyzedSentence>();
        var heading = new List<string>();
        var header = new List<string>();
        string? headerText = null;
        var definedTerm = new List<string>();
        for (var i = 0; i < raw.Count; i++)
        {
            var (start, end) = raw[i];
            var text = chunk.Text[start..end];
            // A line that instructs an AI assistant (a prompt injection planted in a document) states no fact about the
            // documents' subject: it is neither quoted nor counted as evidence, whatever it shares with the question.
            if (RunningFooter().IsMatch(text) || AddressesAnAssistant().IsMatch(text) || text.Trim('|', '-', ' ', ':').Length == 0)
            {
                continue;
            }

            var terms = EnglishAnalyzer.Terms(text);
            terms.AddRange(ImpliedTerms.Of(text, terms));
            var isRow = text.Contains('|', StringComparison.Ordinal);
            var next = i + 1 < raw.Count ? chunk.Text[raw[i + 1].Start..raw[i + 1].End] : null;
            if (!isRow && ((next is not null && IsHeading(text, terms.Count, next, context)) || RepeatsTitle(text, chunk.Title)))
            {
                // A heading answers nothing alone; its words place the lines under it ("€750 per laptop" under "Travel insurance").
                heading = terms;
                definedTerm = terms.Count < 3 ? terms : [];
                continue;
            }

            var previousIsRow = i > 0 && chunk.Text[raw[i - 1].Start..raw[i - 1].End].Contains('|', StringComparison.Ordinal);
            var nextIsRow = next?.Contains('|', StringComparison.Ordinal) == true;
            var isHeader = isRow && !previousIsRow && nextIsRow && NamesColumns(text);
            header = isHeader ? terms : isRow ? header : [];
            headerText = isHeader ? text : isRow ? headerText : null;
            // A table row is read with its header: "Dinner" names the column of "€45", "2025" the year of "€47.9 million".
            // A term on its own line (a definition list's "DSO") is what the line under it defines: its terms belong to that line.
            List<string> own = definedTerm.Count > 0 ? [.. definedTerm, .. terms] : terms;
            if (units.Count > 0 && Pronoun().IsMatch(text))
            {
                // A sentence opening with a pronoun ("It takes about two hours") is about what the sentence before it named.
                own = [.. own, .. units[^1].Terms.Except(own)];
            }
            var cells = isRow && !isHeader && headerText is not null ? Cells(text) : null;
            var names = cells is not null ? Cells(headerText!) : null;
            var columns = cells is not null && cells.Count == names!.Count ? headerText : null;
            units.Add(new AnalyzedSentence(start, end, columns is null ? own : [.. own, .. header], text, columns)
            {
                LabelTerms = columns is null ? [] : EnglishAnalyzer.Terms(cells![0]),
                ColumnTerms = columns is null ? [] : [.. names!.Skip(1).Select(name => EnglishAnalyzer.Terms(name))],
                ColumnKinds = columns is null ? new HashSet<AnswerKind>() : KindWords.OfColumns(names!.Skip(1)),
                IsHeaderRow = isHeader,
                Heading = heading.Concat(isHeader || columns is not null ? [] : header).ToHashSet(StringComparer.Ordinal),
            });
            definedTerm = [];
        }

        Sentences = units;
        Terms = units.SelectMany(s => s.Terms).ToHashSet(StringComparer.Ordinal);
        Context = EnglishAnalyzer.Terms(string.Join(' ', chunk.SectionPath.Prepend(chunk.Title))).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The quotable units, in text order.</summary>
    public IReadOnlyList<AnalyzedSentence> Sentences { get; }

    /// <summary>Every term of the chunk.</summary>
    public HashSet<string> Terms { get; }

    /// <summary>Terms of the chunk's title and section path.</summary>
    public HashSet<string> Context { get; }

    public static ChunkAnalysis Of(Chunk chunk)
    {
        var key = chunk.Id + "/" + chunk.ContentHash;
        if (Cache.TryGetValue(key, out var analysis))
        {
            return analysis;
        }

        if (Cache.Count >= MaxCached)
        {
            // Crude but bounded: a full cache starts over rather than growing with every chunk ever answered from.
            Cache.Clear();
        }

        return Cache.GetOrAdd(key, _ => new ChunkAnalysis(chunk));
    }

    /// <summary>The trimmed cells of a table row (the outer pipes of a Markdown row do not open empty cells).</summary>
    internal static List<string> Cells(string row) => [.. row.Trim().Trim('|').Split('|', StringSplitOptions.TrimEntries)];

    /// <summary>
    /// A first row whose cells are names, not values: words, or periods a table is laid out by ("2025", "FY 2024/25",
    /// "Q3 2026"). A cell with any other number ("€600", "5 to 10 years") makes it a row of data.
    /// </summary>
    private static bool NamesColumns(string row) => Cells(row).All(cell => !cell.Any(char.IsDigit) || PeriodLabel().IsMatch(cell));

    /// <summary>
    /// A line that introduces what follows: a Markdown heading, a title or section name, a line of one or two
    /// terms, or a short unpunctuated line (not a list item, key-value line or dot-leader entry) followed by a sentence.
    /// </summary>
    private static bool IsHeading(string text, int terms, string next, HashSet<string> context)
    {
        var line = text.Trim();
        if (AnalyzedSentence.HasLeader(line))
        {
            // A dot-leader entry ("Wednesday ........ closed") states its value, however few its words.
            return false;
        }

        if (line.StartsWith('#') || context.Contains(line) || terms < 3)
        {
            return true;
        }

        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var bullet = line[0] is '-' or '*' or '•' || ListNumber().IsMatch(line);
        var nextIsSentence = next.TrimEnd().EndsWith('.') || next.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 8;
        return words <= 8 && !bullet && !line.Contains(':', StringComparison.Ordinal) && ".!?;,".IndexOf(line[^1], StringComparison.Ordinal) < 0 && nextIsSentence;
    }

    /// <summary>
    /// A short line that opens with the document's title ("Annual Report 2025 Lumenfield Analytics B.V., Utrecht.", a
    /// cover page or running header): it names the document, it states nothing a question asks for.
    /// </summary>
    private static bool RepeatsTitle(string text, string title)
    {
        var line = text.Trim().TrimStart('#').Trim();
        var name = title.Trim();
        return name.Length >= 8 && name.Contains(' ', StringComparison.Ordinal) && line.StartsWith(name, StringComparison.OrdinalIgnoreCase)
            && line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length + 8;
    }

    [GeneratedRegex(@"^(?:(?:FY|Q[1-4]|H[12])\s*)?(?:1[89]|2\d)\d\d(?:\s*[/-]\s*\d{2,4})?(?:\s+(?:Q[1-4]|H[12]))?$", RegexOptions.IgnoreCase)]
    private static partial Regex PeriodLabel();

    [GeneratedRegex(@"^\d+[.)]\s")]
    private static partial Regex ListNumber();

    [GeneratedRegex(@"\bpage \d+ of \d+\b", RegexOptions.IgnoreCase)]
    private static partial Regex RunningFooter();

    [GeneratedRegex(@"\b(?:(?:ignore|disregard|forget)\s+(?:all\s+|any\s+)?(?:the\s+|your\s+)?(?:previous|prior|above|earlier|preceding)\s+(?:instructions|prompts?|rules)|answer\s+(?:every|each|all|any)\s+(?:question|request)s?\s+with|system\s+prompt|developer\s+mode|you\s+are\s+(?:now\s+)?(?:an?\s+)?(?:ai|assistant|chatbot|language\s+model))\b", RegexOptions.IgnoreCase)]
    private static partial Regex AddressesAnAssistant();

    /// <summary>A sentence whose subject is a pronoun standing for what the sentence before it named.</summary>
    [GeneratedRegex(@"^(It|Its|This|These|They|Their|He|She|His|Her)\b")]
    private static partial Regex Pronoun();
}

using System.Text;
using System.Text.RegularExpressions;
using SlmRag.Core.Text;

namespace SlmRag.Answers;

/// <summary>
/// The answerer of the embedded default (no language model): quotes the unit (sentence, table row, list
/// item, key-value or dot-leader line) that best answers the question, first and alone, then at most one
/// short supporting unit; for a comparing or aggregating question, one unit from each relevant document.
/// Never a heading or table header alone, never the same text twice. Stateless and thread-safe.
/// </summary>
internal static partial class ExtractiveAnswerer
{
    public const string ModelName = "extractive";

    /// <param name="question">The question as asked: its terms count fully.</param>
    /// <param name="searchQuery">The condensed query: terms it adds from earlier turns count a little, to keep the topic.</param>
    /// <param name="semantic">The question's similarity to the units the embedding model read (<see cref="SemanticMatch.None"/> without one).</param>
    public static (string Text, List<Citation> Citations) Answer(string question, string searchQuery, IReadOnlyList<AnswerSource> sources, AnswerOptions options, SemanticMatch semantic)
    {
        var disabled = options.DisabledSignals.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var form = QuestionForm.Of(question.Trim().Length > 0 ? question : searchQuery);
        var analyses = sources.SelectMany(s => s.Chunks.Select(c => (Source: s, Chunk: c, Analysis: ChunkAnalysis.Of(c)))).ToList();
        var weights = Weights(form, searchQuery, analyses.Select(a => a.Analysis).ToList());
        if (weights.Count == 0)
        {
            return (string.Empty, []);
        }

        var scored = new List<Candidate>();
        foreach (var (source, chunk, analysis) in analyses)
        {
            foreach (var unit in analysis.Sentences)
            {
                if (unit.IsHeaderRow || !weights.Keys.Any(t => TermMatch.In(t, unit.TermSet)))
                {
                    continue;
                }

                var signals = SpanSignals.Of(form, unit, analysis.Context, weights, disabled);
                // Earlier sources break ties; very long units pay a little (an answer is read, not skimmed); what the
                // embedding model found closest in meaning gains (a paraphrase shares few words with its question).
                var score = signals.Score - (disabled.Contains("rank") ? 0 : 0.02 * source.Number) - 0.004 * Math.Max(0, unit.Words.Count - 35)
                    + SemanticWeight * (semantic.Of(unit) ?? 0);
                scored.Add(new Candidate(source, chunk.CharStart + unit.Start, chunk.CharStart + unit.End, unit, analysis.Context, score));
            }
        }

        if (scored.Count == 0)
        {
            return (string.Empty, []);
        }

        var ranked = scored.OrderByDescending(c => c.Score).ToList();
        var best = ranked[0];
        var chosen = new List<Candidate> { best };
        if (form.Compares && form.NamedTerms.Count >= 2)
        {
            // "Compare X and Y": the best unit naming each of them, even when one table in one document holds both.
            chosen.Clear();
            foreach (var named in form.NamedTerms)
            {
                var side = ranked.FirstOrDefault(c => TermMatch.In(named, c.Unit.TermSet) && c.Score >= 0.5 * best.Score && !Duplicates(c, chosen));
                if (side is not null && chosen.Count < Math.Max(3, options.ExtractiveSentences))
                {
                    chosen.Add(side);
                }
            }

            if (chosen.Count == 0)
            {
                chosen.Add(best);
            }
        }
        else if (form.Compares)
        {
            // One statement from each relevant document, instead of abstaining or quoting one side only.
            foreach (var candidate in ranked.Skip(1))
            {
                if (chosen.Count >= Math.Max(3, options.ExtractiveSentences) || candidate.Score < 0.5 * best.Score)
                {
                    break;
                }

                if (chosen.All(c => c.Source.Document.Id != candidate.Source.Document.Id) && !Duplicates(candidate, chosen))
                {
                    chosen.Add(candidate);
                }
            }
        }
        else if (options.ExtractiveSentences > 1 && form.SecondPart is { } secondPart)
        {
            // A question asking two things ("how many ..., and until when ...") gets the unit that best answers its second part too.
            var second = QuestionForm.Of(secondPart);
            var secondWeights = Weights(second, question, analyses.Select(a => a.Analysis).ToList());
            var other = ranked.Skip(1).Where(c => c.Unit.Words.Count + best.Unit.Words.Count <= 60 && !Duplicates(c, chosen))
                .Select(c => (Candidate: c, Signals: SpanSignals.Of(second, c.Unit, c.Context, secondWeights, disabled)))
                .Where(x => x.Signals.Fits > 0 && x.Signals.Coverage > 0)
                .MaxBy(x => x.Signals.Score + (0.02 * x.Candidate.Score));
            if (other.Candidate is not null)
            {
                chosen.Add(other.Candidate);
            }
        }
        else if (options.ExtractiveSentences > 1)
        {
            // At most one supporting unit (the two under 60 words), when it nearly ties and adds a question term the first lacks;
            // from another document only when the embedding model finds it nearly as close in meaning: one shared word ("countries")
            // pulled unrelated lines in ("... pitch representation in English- and German-speaking countries" under a Normandy answer).
            var support = ranked.Skip(1).FirstOrDefault(c => c.Score >= 0.85 * best.Score && c.Unit.Words.Count + best.Unit.Words.Count <= 60 && !Duplicates(c, chosen)
                && (c.Source.Document.Id == best.Source.Document.Id || (semantic.Of(c.Unit) ?? 0) >= (semantic.Of(best.Unit) ?? 0) - SupportMeaningMargin)
                && weights.Keys.Any(t => TermMatch.In(t, c.Unit.TermSet) && !TermMatch.In(t, best.Unit.TermSet)));
            if (support is not null)
            {
                chosen.Add(support);
            }
        }

        var text = new StringBuilder();
        var citations = new List<Citation>();
        foreach (var c in chosen)
        {
            var quoted = c.Unit.Columns is { } columns ? WithColumns(c.Source.TextOf(c.Start, c.End), columns) : Readable(c.Source.TextOf(c.Start, c.End));
            text.Append(text.Length > 0 ? " " : string.Empty).Append(quoted).Append(" [").Append(c.Source.Number).Append(']');
            if (citations.All(x => x.Number != c.Source.Number))
            {
                citations.Add(c.Source.Cite(c.Start, c.End));
            }
        }

        return (text.ToString(), citations);
    }

    /// <summary>
    /// How much less close in meaning than the answer a supporting unit of another document may be (a unit the model did not
    /// read counts as 0). Measured on the eight answer sets: the 11 supports it drops were all unrelated to their question,
    /// and no right answer was lost.
    /// </summary>
    private const double SupportMeaningMargin = 0.1;

    /// <summary>Weight of the question-unit cosine similarity in a unit's ranking score (0.5 and 1.0 measured alike on both answer sets; 1.5 lost SQuAD answers).</summary>
    internal const double SemanticWeight = 0.75;

    /// <summary>
    /// The units of the chunks that rank best lexically as answers, at most <paramref name="count"/>: the few the
    /// embedding model reads (it costs milliseconds per unit).
    /// </summary>
    internal static List<AnalyzedSentence> LexicalShortlist(string question, string searchQuery, IReadOnlyList<ChunkAnalysis> chunks, IReadOnlySet<string> disabled, int count)
    {
        var form = QuestionForm.Of(question.Trim().Length > 0 ? question : searchQuery);
        var weights = Weights(form, searchQuery, chunks);
        return chunks.SelectMany((chunk, rank) => chunk.Sentences.Where(u => !u.IsHeaderRow && weights.Keys.Any(t => TermMatch.In(t, u.TermSet)))
                .Select(u => (Unit: u, Score: SpanSignals.Of(form, u, chunk.Context, weights, disabled).Score - 0.02 * rank)))
            .OrderByDescending(x => x.Score).Select(x => x.Unit).DistinctBy(u => u.Text, StringComparer.Ordinal).Take(count).ToList();
    }

    /// <summary>The question's terms weighted by rarity; terms the condensed query carries from earlier turns count a little.</summary>
    private static Dictionary<string, double> Weights(QuestionForm form, string searchQuery, IReadOnlyList<ChunkAnalysis> chunks)
    {
        var terms = chunks.Select(a => a.Terms).ToList();
        var weights = Weights(form, terms);
        foreach (var carried in EnglishAnalyzer.Terms(searchQuery).Distinct(StringComparer.Ordinal).Where(t => !weights.ContainsKey(t)).ToList())
        {
            weights[carried] = 0.3 * Weights([carried], terms)[carried];
        }

        return weights;
    }

    /// <summary>Rarity of each of the question's terms among the candidate chunks; a term only its preamble holds counts half.</summary>
    internal static Dictionary<string, double> Weights(QuestionForm form, IReadOnlyList<HashSet<string>> candidates)
    {
        var weights = Weights(form.Terms, candidates);
        foreach (var term in form.PreambleTerms)
        {
            // The asker's situation in words no source uses ("after a concert") places nothing and weakens no answer.
            if (candidates.Any(c => TermMatch.In(term, c)))
            {
                weights[term] *= PreambleWeight;
            }
            else
            {
                weights.Remove(term);
            }
        }

        return weights;
    }

    /// <summary>Weight of a preamble's terms (0.5 and 0.25 measured alike on the six answer sets; 1 lost two clinic questions).</summary>
    private const double PreambleWeight = 0.5;

    /// <summary>Rarity of each term among the candidate chunks: the question's subject counts most.</summary>
    internal static Dictionary<string, double> Weights(IReadOnlyList<string> terms, IReadOnlyList<HashSet<string>> candidates) =>
        terms.Distinct(StringComparer.Ordinal).ToDictionary(t => t, t => Math.Log(1 + (candidates.Count + 1) / (candidates.Count(c => TermMatch.In(t, c)) + 0.5)), StringComparer.Ordinal);

    /// <summary>Same place in the same document, or the same words (overlapping chunks, a repeated row).</summary>
    private static bool Duplicates(Candidate candidate, List<Candidate> chosen) =>
        chosen.Any(c => (c.Source.Document.Id == candidate.Source.Document.Id && c.Start < candidate.End && candidate.Start < c.End)
            || string.Join(' ', c.Unit.Words) == string.Join(' ', candidate.Unit.Words));

    /// <summary>
    /// A table row read with its column names: "Revenue | €38.2 million | €47.9 million" under "Figure | 2024 | 2025" is
    /// "Revenue — 2024: €38.2 million; 2025: €47.9 million" (the first cell names the row; empty cells are left out).
    /// </summary>
    internal static string WithColumns(string row, string header)
    {
        var cells = ChunkAnalysis.Cells(row);
        var names = ChunkAnalysis.Cells(header);
        if (cells.Count != names.Count || cells.Count < 2)
        {
            return Readable(row);
        }

        var values = Enumerable.Range(1, cells.Count - 1).Where(i => cells[i].Length > 0)
            .Select(i => names[i].Length > 0 ? $"{names[i]}: {cells[i]}" : cells[i]);
        return $"{cells[0]} — {string.Join("; ", values)}";
    }

    /// <summary>Dot leaders and markdown table pipes read as a plain line: "132 kV ........ 2.0 m" becomes "132 kV … 2.0 m".</summary>
    private static string Readable(string text) => Leaders().Replace(text.Trim().Trim('|').Trim(), " … ");

    [GeneratedRegex(@"\s*(?:\.\s?){4,}\s*")]
    internal static partial Regex Leaders();

    private sealed record Candidate(AnswerSource Source, int Start, int End, AnalyzedSentence Unit, IReadOnlySet<string> Context, double Score);
}

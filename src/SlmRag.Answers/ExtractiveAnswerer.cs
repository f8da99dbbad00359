using System.Text;
using SlmRag.Core.Text;

namespace SlmRag.Answers;

/// <summary>
/// The answerer of the embedded default (no language model): quotes the sentences of the sources that
/// best match the question, in source order, each followed by its citation marker.
/// </summary>
internal static partial class ExtractiveAnswerer
{
    public const string ModelName = "extractive";

    /// <param name="question">The question as asked: its terms count fully.</param>
    /// <param name="searchQuery">The condensed query: terms it adds from earlier turns count a little, to keep the topic.</param>
    public static (string Text, List<Citation> Citations) Answer(string question, string searchQuery, IReadOnlyList<AnswerSource> sources, int maxSentences)
    {
        var terms = EnglishAnalyzer.Terms(question).ToHashSet(StringComparer.Ordinal);
        var carried = EnglishAnalyzer.Terms(searchQuery).Where(t => !terms.Contains(t)).ToHashSet(StringComparer.Ordinal);
        var wantsNumber = AsksForNumber().IsMatch(question);
        if (terms.Count == 0)
        {
            terms = carried;
            carried = [];
        }

        var scored = new List<(AnswerSource Source, int Start, int End, double Score)>();
        foreach (var source in sources)
        {
            foreach (var chunk in source.Chunks)
            {
                // Words of the title and section path place a sentence ("€750 per laptop" under "Travel insurance").
                var analysis = ChunkAnalysis.Of(chunk);
                var sentences = analysis.Sentences;
                for (var i = 0; i < sentences.Count; i++)
                {
                    var (start, end, present) = (sentences[i].Start, sentences[i].End, sentences[i].TermSet);
                    var count = sentences[i].Terms.Count;
                    if (count < 3 && i + 1 < sentences.Count)
                    {
                        // A term or heading on its own line is answered by the line after it ("DSO" / "Distribution system operator: ...").
                        end = sentences[i + 1].End;
                        present = [.. present, .. sentences[i + 1].TermSet];
                        count += sentences[i + 1].Terms.Count;
                    }

                    // Headings and running page footers name the topic but answer nothing.
                    if (count < 3 || RunningFooter().IsMatch(chunk.Text.AsSpan(start, end - start)))
                    {
                        continue;
                    }

                    var matched = terms.Count(t => TermMatch.In(t, present)) + 0.3 * carried.Count(t => TermMatch.In(t, present));
                    var placed = terms.Count(t => !TermMatch.In(t, present) && TermMatch.In(t, analysis.Context));
                    var hasNumber = chunk.Text.AsSpan(start, end - start).IndexOfAnyInRange('0', '9') >= 0;
                    // Matched question terms dominate, then terms of the heading, then a number when one is asked for;
                    // earlier sources break ties; very long sentences pay a little.
                    var score = matched + 0.5 * placed + (wantsNumber && hasNumber ? 0.5 : 0)
                        - 0.02 * source.Number - 0.002 * Math.Max(0, count - 30);
                    if (matched > 0)
                    {
                        scored.Add((source, chunk.CharStart + start, chunk.CharStart + end, score));
                    }
                }
            }
        }

        if (scored.Count == 0)
        {
            return (string.Empty, []);
        }

        var best = scored.Max(s => s.Score);
        var chosen = scored.OrderByDescending(s => s.Score).Where(s => s.Score >= best * 0.6).Take(maxSentences)
            .OrderBy(s => s.Source.Number).ThenBy(s => s.Start).ToList();
        var text = new StringBuilder();
        var citations = new List<Citation>();
        foreach (var (source, start, end, _) in chosen)
        {
            text.Append(text.Length > 0 ? " " : string.Empty).Append(source.TextOf(start, end)).Append(" [").Append(source.Number).Append(']');
            if (citations.All(c => c.Number != source.Number))
            {
                citations.Add(source.Cite(start, end));
            }
        }

        return (text.ToString(), citations);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(how (many|much|long|large|big|often|old|quickly|soon)|when|what time|cost|price|percent|deadline|within how)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex AsksForNumber();

    [System.Text.RegularExpressions.GeneratedRegex(@"\bpage \d+ of \d+\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex RunningFooter();
}

using System.Text;
using SlmRag.Answers.Pipeline;

namespace SlmRag.Answers.Attribution;

/// <summary>
/// Applied to a generated answer whose model wrote no valid citation markers (or some invalid ones): its
/// sentences are attributed to the sources (<see cref="CitationAttributor"/>), markers are added, unsupported
/// sentences are reported with a warning, and an answer no sentence of which can be attributed abstains
/// instead of passing as grounded with zero citations.
/// </summary>
internal static class GroundingCheck
{
    public static void Apply(AnswerContext context, StringBuilder text)
    {
        var citations = context.Citations ?? [];
        if (context.Abstained || (citations.Count > 0 && context.RemovedMarkers == 0))
        {
            return;
        }

        var sources = context.Sources;
        var attribution = CitationAttributor.Attribute(text.ToString(), sources.Select(s => (s.Number, s.Text)).ToList());
        if (!attribution.Grounded)
        {
            context.Abstained = true;
            context.AbstentionReason = AbstentionReasons.Unattributed;
            context.Warnings.Add("The model's answer cited no source and none of its sentences matched one; it was withheld.");
            return;
        }

        var cited = attribution.CitedSources;
        text.Clear().Append(attribution.MarkedText);
        context.Citations = [.. citations, .. sources.Where(s => cited.Contains(s.Number) && citations.All(c => c.Number != s.Number)).Select(s => s.Cite())];
        context.UnsupportedSentences = attribution.Unsupported;
        context.Warnings.Add("The model gave no valid citation markers; citations were attributed by matching its sentences to the sources.");
        if (context.UnsupportedSentences.Count > 0)
        {
            context.Warnings.Add($"{context.UnsupportedSentences.Count} sentence(s) of the answer match no source (see unsupportedSentences).");
        }
    }
}

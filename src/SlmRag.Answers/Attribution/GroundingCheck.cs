using SlmRag.Answers.Pipeline;

namespace SlmRag.Answers.Attribution;

/// <summary>
/// Applied to a generated answer whose model wrote no valid citation markers (or some invalid ones): its
/// sentences are attributed to the sources (<see cref="CitationAttributor"/>) and cited, unsupported sentences are
/// reported with a warning, and an answer no sentence of which can be attributed is marked not grounded (every
/// sentence unsupported, a warning) instead of passing as grounded with zero citations. The text is left as it was
/// streamed: a reader has already seen it, and the final result must say the same thing the stream did.
/// </summary>
internal static class GroundingCheck
{
    public static void Apply(AnswerContext context, string text)
    {
        var citations = context.Citations ?? [];
        if (context.Abstained || (citations.Count > 0 && context.RemovedMarkers == 0))
        {
            return;
        }

        var sources = context.Sources;
        var attribution = CitationAttributor.Attribute(text, sources.Select(s => (s.Number, s.Text)).ToList());
        if (!attribution.Grounded)
        {
            context.Grounded = false;
            context.UnsupportedSentences = attribution.Unsupported;
            context.Warnings.Add("The answer cites no source and none of its sentences matches one: it is not grounded in the documents.");
            return;
        }

        var cited = attribution.CitedSources;
        context.Citations = [.. citations, .. sources.Where(s => cited.Contains(s.Number) && citations.All(c => c.Number != s.Number)).Select(s => s.Cite())];
        context.UnsupportedSentences = attribution.Unsupported;
        context.Warnings.Add("The model gave no valid citation markers; citations were attributed by matching its sentences to the sources.");
        if (context.UnsupportedSentences.Count > 0)
        {
            context.Warnings.Add($"{context.UnsupportedSentences.Count} sentence(s) of the answer match no source (see unsupportedSentences).");
        }
    }
}

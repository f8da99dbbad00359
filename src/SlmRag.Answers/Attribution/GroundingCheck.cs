namespace SlmRag.Answers.Attribution;

/// <summary>
/// Applied to a generated answer whose model wrote no valid citation markers (or some invalid ones): its
/// sentences are attributed to the sources (<see cref="CitationAttributor"/>), markers are added, unsupported
/// sentences are reported with a warning, and an answer no sentence of which can be attributed abstains
/// instead of passing as grounded with zero citations.
/// </summary>
internal static class GroundingCheck
{
    public static void Apply(GenerationState state, IReadOnlyList<AnswerSource> sources)
    {
        if (state.Abstained || (state.Citations.Count > 0 && state.Removed == 0))
        {
            return;
        }

        var attribution = CitationAttributor.Attribute(state.Text.ToString(), sources.Select(s => (s.Number, s.Text)).ToList());
        if (!attribution.Grounded)
        {
            state.Abstained = true;
            state.Reason = AbstentionReasons.Unattributed;
            state.Warnings.Add("The model's answer cited no source and none of its sentences matched one; it was withheld.");
            return;
        }

        var cited = attribution.CitedSources;
        state.Text.Clear().Append(attribution.MarkedText);
        state.Citations = [.. state.Citations, .. sources.Where(s => cited.Contains(s.Number) && state.Citations.All(c => c.Number != s.Number)).Select(s => s.Cite())];
        state.Unsupported = attribution.Unsupported;
        state.Warnings.Add("The model gave no valid citation markers; citations were attributed by matching its sentences to the sources.");
        if (state.Unsupported.Count > 0)
        {
            state.Warnings.Add($"{state.Unsupported.Count} sentence(s) of the answer match no source (see unsupportedSentences).");
        }
    }
}

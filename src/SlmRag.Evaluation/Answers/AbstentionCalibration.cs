namespace SlmRag.Evaluation.Answers;

/// <summary>
/// Fits the evidence threshold under which an answer abstains, from outcomes measured with no threshold
/// (<see cref="AnswerEvaluationRunner.RunAsync"/> with calibrating on): at threshold t a question abstains when
/// the answerer abstained anyway or its evidence is under t. The fit takes the highest threshold whose false
/// abstentions (answerable questions abstained on) stay within a budget, since a wrong "not in the documents"
/// costs a reader more than a weak answer with its sources; it reports the figures at any threshold so tuned
/// and held-out splits can be compared.
/// </summary>
public static class AbstentionCalibration
{
    public sealed record Figures(double Threshold, int Questions, double Right, double FalseAbstentions, double UnanswerableAbstained, double Precision, double Recall);

    /// <summary>The highest threshold (among the observed evidence values) whose share of answerable questions abstained on is at most <paramref name="falseAbstentionBudget"/>.</summary>
    public static double Fit(IReadOnlyList<AnswerOutcome> outcomes, double falseAbstentionBudget = 0.05)
    {
        var answerable = outcomes.Where(o => o.Question.Answerable).ToList();
        var best = 0.0;
        foreach (var t in outcomes.Select(o => o.Evidence).Where(e => !double.IsNaN(e)).Distinct().Order())
        {
            if (answerable.Count(o => Abstains(o, t)) > falseAbstentionBudget * answerable.Count)
            {
                break;
            }

            best = t;
        }

        return best;
    }

    public static Figures At(IReadOnlyList<AnswerOutcome> outcomes, double threshold)
    {
        var answerable = outcomes.Where(o => o.Question.Answerable).ToList();
        var unanswerable = outcomes.Where(o => !o.Question.Answerable).ToList();
        var abstained = outcomes.Count(o => Abstains(o, threshold));
        var rightAbstentions = unanswerable.Count(o => Abstains(o, threshold));
        return new Figures(threshold, outcomes.Count,
            Share(answerable.Count(o => !Abstains(o, threshold) && o.Right), answerable.Count),
            Share(answerable.Count(o => Abstains(o, threshold)), answerable.Count),
            Share(rightAbstentions, unanswerable.Count),
            Share(rightAbstentions, abstained),
            Share(rightAbstentions, unanswerable.Count));
    }

    /// <summary>A deterministic split by document (questions of one document stay together; unanswerable ones by their id).</summary>
    public static bool HeldOut(AnswerQuestion question)
    {
        var key = question.Documents.Count > 0 ? question.Documents[0] : question.Id;
        var hash = 17u;
        foreach (var c in key)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash % 2 == 1;
    }

    private static bool Abstains(AnswerOutcome outcome, double threshold) => outcome.Abstained || outcome.Evidence < threshold;

    private static double Share(int count, int total) => total == 0 ? double.NaN : (double)count / total;
}

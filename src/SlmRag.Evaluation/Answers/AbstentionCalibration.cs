namespace SlmRag.Evaluation.Answers;

/// <summary>
/// Fits the evidence threshold under which an answer abstains, from outcomes measured with no threshold
/// (<see cref="AnswerEvaluationRunner.RunAsync"/> with calibrating on): at threshold t a question abstains when
/// the answerer abstained anyway or its evidence is under t. The fit maximises right answers plus right
/// abstentions, and reports the figures at any threshold so tuned and held-out splits can be compared.
/// </summary>
public static class AbstentionCalibration
{
    public sealed record Figures(double Threshold, int Questions, double Right, double FalseAbstentions, double UnanswerableAbstained, double Precision, double Recall);

    /// <summary>The threshold (among the observed evidence values) maximising right answers + right abstentions; ties go to the lower threshold.</summary>
    public static double Fit(IReadOnlyList<AnswerOutcome> outcomes)
    {
        var candidates = outcomes.Select(o => o.Evidence).Where(e => !double.IsNaN(e)).Append(0).Distinct().Order().ToList();
        var best = (Threshold: 0.0, Score: int.MinValue);
        foreach (var t in candidates)
        {
            var score = outcomes.Count(o => Correct(o, t));
            if (score > best.Score)
            {
                best = (t, score);
            }
        }

        return best.Threshold;
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

    private static bool Correct(AnswerOutcome outcome, double threshold) =>
        outcome.Question.Answerable ? !Abstains(outcome, threshold) && outcome.Right : Abstains(outcome, threshold);

    private static double Share(int count, int total) => total == 0 ? double.NaN : (double)count / total;
}

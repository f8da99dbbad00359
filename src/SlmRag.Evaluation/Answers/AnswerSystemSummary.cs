namespace SlmRag.Evaluation.Answers;

/// <summary>One system's figures over an answer set.</summary>
/// <param name="Right">Answerable questions answered with the expected text citing an expected document.</param>
/// <param name="Stated">Answerable questions whose answer holds the expected text (citation not checked).</param>
/// <param name="CitationCorrect">Of the answered answerable questions, the share citing an expected document.</param>
/// <param name="AbstentionPrecision">Of all abstentions, the share on unanswerable questions.</param>
/// <param name="AbstentionRecall">Of the unanswerable questions, the share abstained on.</param>
public sealed record AnswerSystemSummary(
    string System,
    int Answerable,
    int Unanswerable,
    double Right,
    double Stated,
    double FalseAbstentions,
    double UnanswerableAbstained,
    double AbstentionPrecision,
    double AbstentionRecall,
    double CitationCorrect,
    double MedianWords,
    int Repeated,
    double LatencyP50Ms,
    double LatencyP99Ms)
{
    public static AnswerSystemSummary Of(string system, IReadOnlyList<AnswerOutcome> outcomes)
    {
        var answerable = outcomes.Where(o => o.Question.Answerable).ToList();
        var unanswerable = outcomes.Where(o => !o.Question.Answerable).ToList();
        var abstained = outcomes.Count(o => o.Abstained);
        var answered = answerable.Where(o => !o.Abstained).ToList();
        var judgedCitations = answered.Where(o => o.Question.Documents.Count > 0).ToList();
        var latencies = outcomes.Select(o => o.LatencyMs).Order().ToList();
        return new AnswerSystemSummary(system, answerable.Count, unanswerable.Count,
            Share(answerable.Count(o => o.Right), answerable.Count),
            Share(answerable.Count(o => !o.Abstained && o.Stated), answerable.Count),
            Share(answerable.Count(o => o.Abstained), answerable.Count),
            Share(unanswerable.Count(o => o.Abstained), unanswerable.Count),
            Share(unanswerable.Count(o => o.Abstained), abstained),
            Share(unanswerable.Count(o => o.Abstained), unanswerable.Count),
            Share(judgedCitations.Count(o => o.CitedExpected), judgedCitations.Count),
            Percentile(outcomes.Where(o => !o.Abstained).Select(o => (double)o.Words).Order().ToList(), 50),
            outcomes.Count(o => o.Repeated),
            Percentile(latencies, 50), Percentile(latencies, 99));
    }

    internal static double Percentile(List<double> sorted, double percentile) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static double Share(int count, int total) => total == 0 ? double.NaN : (double)count / total;
}

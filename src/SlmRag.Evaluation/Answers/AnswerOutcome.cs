namespace SlmRag.Evaluation.Answers;

/// <summary>What one system answered to one question, judged.</summary>
/// <param name="Stated">The answer text holds the expected answer (<see cref="AnswerQuestion.IsStatedBy"/>).</param>
/// <param name="CitedExpected">A citation points to one of the expected documents.</param>
/// <param name="Evidence">The system's evidence score (before its abstention threshold), for calibration; NaN when it has none.</param>
public sealed record AnswerOutcome(
    AnswerQuestion Question,
    bool Abstained,
    bool Stated,
    bool CitedExpected,
    int Citations,
    int Words,
    bool Repeated,
    double LatencyMs,
    double Evidence,
    string? AbstentionReason,
    string Text)
{
    /// <summary>Right: an answerable question answered with the expected text citing an expected document.</summary>
    public bool Right => Question.Answerable && !Abstained && Stated && (Question.Documents.Count == 0 || CitedExpected);
}

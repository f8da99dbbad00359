namespace SlmRag.Evaluation.Answers;

/// <summary>An answer set measured: the answer service and the naive baseline side by side, each question's outcome kept for calibration.</summary>
public sealed record AnswerEvaluationReport(
    string Set,
    int Documents,
    AnswerSystemSummary Service,
    AnswerSystemSummary Baseline,
    double RetrievalP50Ms,
    IReadOnlyList<AnswerOutcome> ServiceOutcomes,
    IReadOnlyList<AnswerOutcome> BaselineOutcomes);

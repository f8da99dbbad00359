namespace SlmRag.Answers.Routing;

/// <summary>How router settings decide labeled questions: accuracy, escalated share and the confusion matrix (positive = escalate).</summary>
public sealed record RouterEvaluation(int Questions, double Accuracy, double EscalatedShare, int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives);

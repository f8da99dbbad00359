namespace SlmRag.Evaluation.Answers;

/// <summary>How one model's answer compares with the reference answer of a held-out question.</summary>
public sealed record AnswerScore(bool ExactMatch, double TokenF1, bool CitationsValid, bool Abstained);

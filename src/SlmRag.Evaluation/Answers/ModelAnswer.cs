namespace SlmRag.Evaluation.Answers;

/// <summary>One model's answer to one held-out question, scored; a line of the saved answers file.</summary>
public sealed record ModelAnswer(
    int Line,
    string Question,
    string Model,
    string Answer,
    string Reference,
    bool ExactMatch,
    double TokenF1,
    bool CitationsValid,
    bool Abstained,
    double LatencyMilliseconds,
    long OutputTokens);

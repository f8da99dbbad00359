namespace SlmRag.Answers;

/// <summary>Tokens the answering model read and wrote (zero for the extractive answerer).</summary>
public sealed record AnswerUsage(int InputTokens, int OutputTokens);

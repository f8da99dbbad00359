namespace SlmRag.Answers;

/// <summary>Where an answer's time went.</summary>
public sealed record AnswerTimings(double RetrievalMs, double GenerationMs, double TotalMs);

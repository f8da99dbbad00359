namespace SlmRag.LlamaCpp.Chat;

/// <summary>Token counts, finish reason, mean token log-probability (the model's confidence, when asked for) and timings of one generation.</summary>
internal sealed record GenerationResult(int InputTokens, int OutputTokens, GenerationFinish Finish, double? MeanLogProbability, TimeSpan PromptTime, TimeSpan GenerationTime);

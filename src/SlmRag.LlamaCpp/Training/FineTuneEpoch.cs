namespace SlmRag.LlamaCpp.Training;

/// <summary>One finished epoch: mean loss over the trained (assistant) tokens, before each step's update, and
/// the validation loss after the epoch's updates; null when there is no validation set.</summary>
public sealed record FineTuneEpoch(int Epoch, double TrainingLoss, double? ValidationLoss, double TokensPerSecond, double Seconds);

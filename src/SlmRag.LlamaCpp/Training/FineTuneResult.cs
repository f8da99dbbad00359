namespace SlmRag.LlamaCpp.Training;

/// <summary>What a fine-tuning run did.</summary>
public sealed record FineTuneResult(
    string OutputPath,
    IReadOnlyList<FineTuneEpoch> Epochs,
    int ResumedAfterEpoch,
    int TrainingExamples,
    int ValidationExamples,
    long TrainedTokensPerEpoch,
    int ContextLength,
    bool ConvertedToF32,
    int TrainableTensors,
    int BudgetAdapters,
    int GraphNodes);

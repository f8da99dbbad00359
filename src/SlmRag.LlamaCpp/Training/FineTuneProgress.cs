namespace SlmRag.LlamaCpp.Training;

/// <summary>Where a fine-tuning run is: after each micro-batch, and with the losses once an epoch ends.</summary>
public sealed record FineTuneProgress(
    int Epoch,
    int Epochs,
    bool Validating,
    long Batch,
    long Batches,
    double TokensPerSecond,
    FineTuneEpoch? Finished);

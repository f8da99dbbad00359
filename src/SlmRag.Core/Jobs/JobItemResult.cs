using SlmRag.Core.Ingestion;

namespace SlmRag.Core.Jobs;

/// <summary>The end of one item: its final state and, for failures, why.</summary>
public sealed record JobItemResult(
    JobItemState State,
    string? DocumentId,
    int Pages,
    int Chunks,
    IngestionError? Error = null,
    string? Reason = null)
{
    public static JobItemResult Failed(IngestionError error, string reason) =>
        new(JobItemState.Failed, null, 0, 0, error, reason);
}

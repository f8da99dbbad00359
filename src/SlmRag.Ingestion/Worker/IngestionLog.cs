using Microsoft.Extensions.Logging;
using SlmRag.Core.Jobs;

namespace SlmRag.Ingestion.Worker;

internal static partial class IngestionLog
{
    [LoggerMessage(1, LogLevel.Information, "Processing {JobId}/{Ordinal} '{FileName}' (attempt {Attempt})")]
    public static partial void ItemStarted(ILogger logger, string jobId, int ordinal, string fileName, int attempt);

    [LoggerMessage(2, LogLevel.Information, "Finished {JobId}/{Ordinal} '{FileName}': {State}. {Reason}")]
    public static partial void ItemFinished(ILogger logger, string jobId, int ordinal, string fileName, JobItemState state, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Transient failure on {JobId}/{Ordinal}; retrying in {DelaySeconds} s")]
    public static partial void ItemRetrying(ILogger logger, Exception exception, string jobId, int ordinal, double delaySeconds);

    [LoggerMessage(4, LogLevel.Error, "Unexpected failure on {JobId}/{Ordinal} '{FileName}'")]
    public static partial void ItemCrashed(ILogger logger, Exception exception, string jobId, int ordinal, string fileName);

    [LoggerMessage(5, LogLevel.Warning, "Lease on {JobId}/{Ordinal} was lost to another worker; dropping this run")]
    public static partial void LeaseLost(ILogger logger, string jobId, int ordinal);

    [LoggerMessage(6, LogLevel.Error, "The ingestion worker loop failed; it keeps running")]
    public static partial void LoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(7, LogLevel.Information, "Ingestion worker {WorkerId} started with {Concurrency} slot(s)")]
    public static partial void WorkerStarted(ILogger logger, string workerId, int concurrency);
}

using SlmRag.Core.Jobs;

namespace SlmRag.Core.Storage;

/// <summary>
/// The durable ingestion queue. Items are leased to one worker at a time; a lease that is not
/// renewed expires and the item is handed to the next worker that asks, so a killed process
/// loses nothing. Thread-safe and safe across processes sharing the same data.
/// </summary>
public interface IJobStore
{
    Task<IngestionJob> CreateJobAsync(string collection, IReadOnlyList<NewJobItem> items, CancellationToken cancellationToken);

    Task<IngestionJob?> GetJobAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>State and counters only, computed by the store; use it to poll large jobs.</summary>
    Task<JobSummary?> GetJobSummaryAsync(string jobId, CancellationToken cancellationToken);

    Task<IReadOnlyList<IngestionJob>> ListJobsAsync(string? collection, int limit, CancellationToken cancellationToken) =>
        ListJobsAsync(new JobQuery(collection, limit), cancellationToken);

    Task<IReadOnlyList<IngestionJob>> ListJobsAsync(JobQuery query, CancellationToken cancellationToken);

    /// <summary>Leases the oldest item that is due (pending, or running with an expired lease), or returns null.</summary>
    Task<ClaimedJobItem?> ClaimNextItemAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken);

    /// <returns>False when the lease was lost (expired and taken by another worker).</returns>
    Task<bool> RenewLeaseAsync(string jobId, int ordinal, string workerId, TimeSpan lease, CancellationToken cancellationToken);

    Task ReportItemProgressAsync(string jobId, int ordinal, string workerId, int pages, int chunks, CancellationToken cancellationToken);

    /// <summary>Records the item's end and forgets its password.</summary>
    /// <returns>False when the lease was lost, in which case nothing is written.</returns>
    Task<bool> CompleteItemAsync(string jobId, int ordinal, string workerId, JobItemResult result, CancellationToken cancellationToken);

    /// <summary>Items that a worker should be processing now but is not (for health: a stalled worker shows here).</summary>
    Task<QueueLag> GetQueueLagAsync(CancellationToken cancellationToken);

    /// <summary>Items pending and running across all jobs (for metrics).</summary>
    Task<QueueDepth> GetQueueDepthAsync(CancellationToken cancellationToken);

    /// <summary>The blobs that unfinished items still need.</summary>
    Task<IReadOnlySet<string>> BlobsInUseAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Puts an item back in the queue, due at <paramref name="notBefore"/>: after a transient failure
    /// (<paramref name="countsAsAttempt"/> true) or when its worker shuts down cleanly (false).
    /// </summary>
    Task<bool> RetryItemLaterAsync(string jobId, int ordinal, string workerId, string reason, DateTimeOffset notBefore, bool countsAsAttempt, CancellationToken cancellationToken);

}

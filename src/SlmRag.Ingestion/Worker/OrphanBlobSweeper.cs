using Microsoft.Extensions.Logging;
using SlmRag.Core.Storage;

namespace SlmRag.Ingestion.Worker;

/// <summary>
/// Deletes uploads that no unfinished job item needs: left behind when a process died between
/// storing an upload and recording its job. Only blobs older than <see cref="MinimumAge"/> are
/// touched, so an upload being staged right now is never taken.
/// </summary>
public sealed partial class OrphanBlobSweeper(IBlobStore blobs, IJobStore jobs, TimeProvider time, ILogger<OrphanBlobSweeper> logger)
{
    public static readonly TimeSpan MinimumAge = TimeSpan.FromHours(1);

    /// <returns>The number of blobs deleted.</returns>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - MinimumAge;
        var candidates = blobs.List().Where(b => b.WrittenAt < cutoff).Select(b => b.BlobId).ToList();
        if (candidates.Count == 0)
        {
            return 0;
        }

        var inUse = await jobs.BlobsInUseAsync(cancellationToken);
        var orphans = candidates.Where(id => !inUse.Contains(id)).ToList();
        foreach (var id in orphans)
        {
            blobs.Delete(id);
        }

        if (orphans.Count > 0)
        {
            Swept(logger, orphans.Count);
        }

        return orphans.Count;
    }

    [LoggerMessage(8, LogLevel.Information, "Deleted {Count} orphaned upload(s) that no job needs")]
    private static partial void Swept(ILogger logger, int count);
}

using SlmRag.Core.Jobs;
using SlmRag.Core.Storage;
using SlmRag.Ingestion.Worker;

namespace SlmRag.Ingestion.Uploads;

/// <summary>Records staged files as a durable job and wakes the worker.</summary>
public sealed class JobSubmitter(IJobStore jobs, WorkSignal signal)
{
    public async Task<IngestionJob> SubmitAsync(string collection, IReadOnlyList<NewJobItem> items, CancellationToken cancellationToken)
    {
        var job = await jobs.CreateJobAsync(collection, items, cancellationToken);
        signal.Notify();
        return job;
    }
}

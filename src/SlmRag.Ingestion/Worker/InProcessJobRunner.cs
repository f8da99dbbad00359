using SlmRag.Core.Jobs;
using SlmRag.Core.Storage;

namespace SlmRag.Ingestion.Worker;

/// <summary>
/// Runs the queue in the calling process until one job completes, reporting its progress after
/// every item. Used by <c>slmrag ingest</c> and the benchmarks. Other workers may share the job:
/// while they hold the remaining items this runner waits and watches.
/// </summary>
public sealed class InProcessJobRunner(IJobStore jobs, JobItemProcessor processor)
{
    public async Task<IngestionJob> RunToCompletionAsync(string jobId, string workerId, Action<IngestionJob>? progress, CancellationToken cancellationToken)
    {
        while (true)
        {
            var job = await jobs.GetJobAsync(jobId, cancellationToken)
                ?? throw new InvalidOperationException($"Job {jobId} does not exist.");
            progress?.Invoke(job);
            if (job.State == JobState.Completed)
            {
                return job;
            }

            if (!await processor.ProcessNextAsync(workerId, cancellationToken))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
    }
}

using System.Diagnostics;
using SlmRag.Core.Jobs;
using SlmRag.Core.Storage;

namespace SlmRag.Ingestion.Worker;

/// <summary>
/// Runs the queue in the calling process until one job completes, reporting its progress at most
/// every 200 ms (progress is an aggregate over all items, too costly to compute per item on large
/// jobs). Used by <c>slmrag ingest</c>, evaluation and benchmarks. Other workers may share the job:
/// while they hold the remaining items this runner waits and watches.
/// </summary>
public sealed class InProcessJobRunner(IJobStore jobs, JobItemProcessor processor)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(200);

    public async Task<IngestionJob> RunToCompletionAsync(string jobId, string workerId, Action<JobSummary>? progress, CancellationToken cancellationToken)
    {
        var sinceProgress = Stopwatch.StartNew();
        var processed = true;
        while (true)
        {
            if (!processed || sinceProgress.Elapsed >= ProgressInterval)
            {
                var job = await jobs.GetJobSummaryAsync(jobId, cancellationToken)
                    ?? throw new InvalidOperationException($"Job {jobId} does not exist.");
                progress?.Invoke(job);
                sinceProgress.Restart();
                if (job.State == JobState.Completed)
                {
                    return (await jobs.GetJobAsync(jobId, cancellationToken))!;
                }

                if (!processed)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
                }
            }

            processed = await processor.ProcessNextAsync(workerId, cancellationToken);
        }
    }
}

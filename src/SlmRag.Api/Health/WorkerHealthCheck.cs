using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SlmRag.Core.Storage;
using SlmRag.Ingestion;
using SlmRag.Ingestion.Worker;

namespace SlmRag.Api.Health;

/// <summary>
/// Worker lag: files due for processing that nobody is processing (whichever process runs the worker), the
/// worker loop's last failure in this process, and the count of documents that failed unexpectedly.
/// </summary>
internal sealed class WorkerHealthCheck(IJobStore jobs, IngestionWorker worker, JobItemProcessor processor, IOptions<IngestionOptions> ingestion,
    IOptions<HealthOptions> options, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var data = new Dictionary<string, object>
        {
            ["workerInThisProcess"] = ingestion.Value.Worker.Enabled,
            ["unexpectedFailures"] = processor.UnexpectedFailures,
        };
        if (worker.LastLoopFailure is { } failure && now - failure.At < TimeSpan.FromSeconds(settings.IntervalSeconds * 2))
        {
            data["lastLoopFailure"] = failure.At;
            return HealthCheckResult.Unhealthy($"The ingestion worker cannot work: {failure.Message}", data: data);
        }

        var lag = await jobs.GetQueueLagAsync(cancellationToken);
        data["waiting"] = lag.Waiting;
        if (lag.OldestDueAt is { } oldest)
        {
            var seconds = (now - oldest).TotalSeconds;
            data["lagSeconds"] = Math.Round(seconds);
            if (seconds > settings.WorkerLagSeconds)
            {
                return HealthCheckResult.Unhealthy(
                    $"The ingestion worker is stalled: {lag.Waiting} file(s) wait, the oldest for {seconds:0} s (Health:WorkerLagSeconds is {settings.WorkerLagSeconds}). " +
                    (ingestion.Value.Worker.Enabled ? "Check the log of this service." : "Is 'slmrag worker' running?"), data: data);
            }
        }

        return HealthCheckResult.Healthy($"{lag.Waiting} file(s) waiting", data);
    }
}

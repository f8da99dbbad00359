using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using SlmRag.Core.Storage;

namespace SlmRag.Ingestion.Telemetry;

/// <summary>
/// The ingestion queue as observable gauges of meter <see cref="IngestionTelemetry.Name"/>, read from the job store
/// each time metrics are collected: <c>slmrag.ingestion.queue.depth</c> (items by <c>state</c>: pending, running) and
/// <c>slmrag.ingestion.queue.lag</c> (seconds the oldest due item has waited for a worker; 0 when none waits).
/// Thread-safe; disposing it removes the gauges.
/// </summary>
public sealed partial class IngestionQueueMetrics : IDisposable
{
    /// <summary>A collection must not hang on a busy database: past this, that collection has no queue figures.</summary>
    private static readonly TimeSpan ReadDeadline = TimeSpan.FromSeconds(5);

    private readonly IJobStore _jobs;
    private readonly TimeProvider _time;
    private readonly ILogger<IngestionQueueMetrics> _logger;
    private readonly Meter _meter;

    public IngestionQueueMetrics(IJobStore jobs, TimeProvider time, IMeterFactory meters, ILogger<IngestionQueueMetrics> logger)
    {
        _jobs = jobs;
        _time = time;
        _logger = logger;
        _meter = meters.Create(IngestionTelemetry.Name);
        _meter.CreateObservableGauge("slmrag.ingestion.queue.depth", Depth, "{item}", "Ingestion items pending or running, by state.");
        _meter.CreateObservableGauge("slmrag.ingestion.queue.lag", Lag, "s", "Seconds the oldest due ingestion item has waited for a worker.");
    }

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<int>> Depth()
    {
        // Gauges are collected synchronously on the metric reader's thread; the store is asynchronous.
        var depth = Read(token => _jobs.GetQueueDepthAsync(token));
        return depth is null ? [] :
        [
            new Measurement<int>(depth.Pending, new KeyValuePair<string, object?>("state", "pending")),
            new Measurement<int>(depth.Running, new KeyValuePair<string, object?>("state", "running")),
        ];
    }

    private IEnumerable<Measurement<double>> Lag()
    {
        var lag = Read(token => _jobs.GetQueueLagAsync(token));
        return lag is null ? [] : [new Measurement<double>(lag.OldestDueAt is { } oldest ? Math.Max((_time.GetUtcNow() - oldest).TotalSeconds, 0) : 0)];
    }

    private T? Read<T>(Func<CancellationToken, Task<T>> query) where T : class
    {
        using var deadline = new CancellationTokenSource(ReadDeadline);
        try
        {
            return query(deadline.Token).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A failed reading leaves this collection without queue figures; the exporter and the service go on.
            LogReadFailed(_logger, ex);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the ingestion queue for metrics")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}

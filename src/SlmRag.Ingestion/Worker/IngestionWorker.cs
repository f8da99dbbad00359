using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SlmRag.Ingestion.Worker;

/// <summary>
/// Drains the durable job queue: <see cref="WorkerOptions.Concurrency"/> loops, each claiming one item
/// at a time. Hosted in the API process by default and alone by <c>slmrag worker</c>.
/// </summary>
public sealed class IngestionWorker(JobItemProcessor processor, WorkSignal signal, OrphanBlobSweeper sweeper, IOptions<IngestionOptions> options, TimeProvider time, ILogger<IngestionWorker> logger)
    : BackgroundService
{
    /// <summary>Identifies this process's leases; unique per process so a restarted worker never mistakes old leases for its own.</summary>
    public string WorkerId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    private volatile WorkerLoopFailure? _lastLoopFailure;

    /// <summary>When the loop last failed outside a document (store unavailable, disk full) and why; shown in health until it recovers.</summary>
    public WorkerLoopFailure? LastLoopFailure => _lastLoopFailure;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Worker;
        if (!settings.Enabled)
        {
            return;
        }

        IngestionLog.WorkerStarted(logger, WorkerId, settings.Concurrency);
        try
        {
            await sweeper.SweepAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Housekeeping only: a failed sweep must not keep the worker from its queue.
            IngestionLog.LoopFailed(logger, ex);
        }

        await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(slot => LoopAsync($"{WorkerId}#{slot}", stoppingToken)));
    }

    private async Task LoopAsync(string slotId, CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.Value.Worker.PollSeconds);
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var processed = await processor.ProcessNextAsync(slotId, stoppingToken);
                _lastLoopFailure = null;
                if (!processed)
                {
                    await signal.WaitAsync(poll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The store may be briefly unavailable; keep the loop alive and try again after a pause.
                IngestionLog.LoopFailed(logger, ex);
                _lastLoopFailure = new WorkerLoopFailure(time.GetUtcNow(), ex.Message);
                await Task.Delay(poll, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}

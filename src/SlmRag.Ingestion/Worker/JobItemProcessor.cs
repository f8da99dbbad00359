using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SlmRag.Core.Ingestion;
using SlmRag.Core.Jobs;
using SlmRag.Core.Storage;
using SlmRag.Ingestion.Pipeline;
using SlmRag.Ingestion.Telemetry;

namespace SlmRag.Ingestion.Worker;

/// <summary>
/// Claims one due item, runs the pipeline under a renewed lease and records the outcome: fatal
/// failures end the item, transient ones are retried with backoff up to the attempt limit. Shared by
/// the background worker and the CLI's in-process ingestion. Thread-safe.
/// </summary>
public sealed class JobItemProcessor(
    IJobStore jobs,
    IBlobStore blobs,
    DocumentIngestionPipeline pipeline,
    IOptions<IngestionOptions> options,
    TimeProvider time,
    ILogger<JobItemProcessor> logger)
{
    private long _unexpectedFailures;

    /// <summary>Items that failed with an unexpected (non-document) error since start; shown in health.</summary>
    public long UnexpectedFailures => Interlocked.Read(ref _unexpectedFailures);

    /// <returns>False when no item was due.</returns>
    public async Task<bool> ProcessNextAsync(string workerId, CancellationToken cancellationToken)
    {
        var settings = options.Value.Worker;
        var lease = TimeSpan.FromSeconds(settings.LeaseSeconds);
        var claimed = await jobs.ClaimNextItemAsync(workerId, lease, cancellationToken);
        if (claimed is null)
        {
            return false;
        }

        var item = claimed.Item;
        if (item.Attempts > settings.MaxAttempts)
        {
            var gaveUp = JobItemResult.Failed(IngestionError.Internal,
                $"Gave up after {settings.MaxAttempts} attempts: the worker stopped or failed every time it processed this file.");
            await FinishAsync(claimed, workerId, gaveUp);
            Record(claimed, gaveUp);
            return true;
        }

        IngestionLog.ItemStarted(logger, item.JobId, item.Ordinal, item.FileName, item.Attempts);
        using var activity = IngestionTelemetry.Source.StartActivity("slmrag.ingestion.document");
        activity?.SetTag("slmrag.collection", claimed.Collection);
        activity?.SetTag("slmrag.ingestion.attempt", item.Attempts);
        using var processing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = RenewLeaseAsync(claimed, workerId, lease, processing);
        JobItemResult result;
        try
        {
            result = await pipeline.RunAsync(claimed,
                (pages, chunks) => jobs.ReportItemProgressAsync(item.JobId, item.Ordinal, workerId, pages, chunks, processing.Token),
                processing.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Clean shutdown: hand the item back at once, without counting the attempt.
            await jobs.RetryItemLaterAsync(item.JobId, item.Ordinal, workerId, "The worker stopped; the file will be processed again.", time.GetUtcNow(), countsAsAttempt: false, CancellationToken.None);
            throw;
        }
        catch (OperationCanceledException) when (processing.IsCancellationRequested)
        {
            IngestionLog.LeaseLost(logger, item.JobId, item.Ordinal);
            return true;
        }
        catch (Exception ex) when (IsTransient(ex))
        {
            if (item.Attempts < settings.MaxAttempts)
            {
                var delay = TimeSpan.FromSeconds(settings.RetryDelaySeconds * Math.Pow(2, item.Attempts - 1));
                IngestionLog.ItemRetrying(logger, ex, item.JobId, item.Ordinal, delay.TotalSeconds);
                await jobs.RetryItemLaterAsync(item.JobId, item.Ordinal, workerId, $"Attempt {item.Attempts} failed: {ex.Message}", time.GetUtcNow() + delay, countsAsAttempt: true, CancellationToken.None);
                return true;
            }

            result = JobItemResult.Failed(IngestionError.Transient, $"Failed {item.Attempts} times; last error: {ex.Message}");
        }
        catch (IngestionException ex)
        {
            if (ex.Error is IngestionError.ExtractorCrashed or IngestionError.Internal)
            {
                // A parser died or failed in an unforeseen way: the document fails, and health shows the count.
                Interlocked.Increment(ref _unexpectedFailures);
            }

            result = JobItemResult.Failed(ex.Error, ex.Message);
        }
        catch (Exception ex)
        {
            // A bug or an unforeseen input: fail this document, keep the worker alive, and count it.
            Interlocked.Increment(ref _unexpectedFailures);
            IngestionLog.ItemCrashed(logger, ex, item.JobId, item.Ordinal, item.FileName);
            result = JobItemResult.Failed(IngestionError.Internal, $"Unexpected error ({ex.GetType().Name}): {ex.Message}");
        }
        finally
        {
            await processing.CancelAsync();
            await renewal;
        }

        await FinishAsync(claimed, workerId, result);
        Record(claimed, result);
        activity?.SetTag("slmrag.ingestion.outcome", result.State.ToString());
        activity?.SetTag("slmrag.ingestion.error", result.Error?.ToString());
        IngestionLog.ItemFinished(logger, item.JobId, item.Ordinal, item.FileName, result.State, result.Reason ?? string.Empty);
        return true;
    }

    private static void Record(ClaimedJobItem claimed, JobItemResult result)
    {
        var collection = new KeyValuePair<string, object?>("collection", claimed.Collection);
        IngestionTelemetry.Documents.Add(1, collection, new("outcome", result.State.ToString()), new("error", result.Error?.ToString() ?? "none"));
        if (result.State == JobItemState.Succeeded)
        {
            IngestionTelemetry.Chunks.Add(result.Chunks, collection);
            IngestionTelemetry.Bytes.Add(claimed.Item.SizeBytes, collection);
        }
    }

    private async Task FinishAsync(ClaimedJobItem claimed, string workerId, JobItemResult result)
    {
        var item = claimed.Item;
        // The outcome must be recorded even while the host is stopping.
        if (await jobs.CompleteItemAsync(item.JobId, item.Ordinal, workerId, result, CancellationToken.None) && item.BlobId is { } blob)
        {
            blobs.Delete(blob);
        }
    }

    private async Task RenewLeaseAsync(ClaimedJobItem claimed, string workerId, TimeSpan lease, CancellationTokenSource processing)
    {
        using var timer = new PeriodicTimer(lease / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(processing.Token))
            {
                if (!await jobs.RenewLeaseAsync(claimed.Item.JobId, claimed.Item.Ordinal, workerId, lease, processing.Token))
                {
                    await processing.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // processing ended
        }
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        IngestionException ingestion => ingestion.IsTransient,
        DbException db => db.IsTransient,
        IOException or TimeoutException or HttpRequestException => true,
        _ => false,
    };
}

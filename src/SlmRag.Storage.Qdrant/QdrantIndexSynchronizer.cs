using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SlmRag.Core.Retrieval;
using SlmRag.Core.Storage;

namespace SlmRag.Storage.Qdrant;

/// <summary>
/// Keeps Qdrant following the catalog on the ingestion node: replays the catalog's change feed (written in
/// the same transaction as every chunk change) from a checkpoint file, so a crash or a Qdrant outage loses
/// nothing; writes are idempotent, so replaying twice is harmless. Failures are logged and retried; the
/// loop never dies.
/// </summary>
public sealed class QdrantIndexSynchronizer(IIndexChangeFeed feed, ICatalogStore catalog, ISearchIndexWriter writer, string checkpointPath, ILogger<QdrantIndexSynchronizer> logger) : BackgroundService
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(1);

    /// <summary>Applies every change after the checkpoint; returns how many were applied.</summary>
    public async Task<int> SynchronizeAsync(CancellationToken cancellationToken)
    {
        var applied = 0;
        while (true)
        {
            var checkpoint = ReadCheckpoint();
            var changes = await feed.ReadChangesAsync(checkpoint, 200, cancellationToken).ConfigureAwait(false);
            if (changes.Count == 0)
            {
                return applied;
            }

            foreach (var change in changes)
            {
                await ApplyAsync(change, cancellationToken).ConfigureAwait(false);
                WriteCheckpoint(change.Sequence);
                applied++;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SynchronizeAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(Idle, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Qdrant down or refusing: keep the checkpoint, say so, try again.
                logger.LogError(e, "Synchronizing Qdrant failed; retrying in 10 s from checkpoint {Checkpoint}.", ReadCheckpoint());
                await Task.Delay(TimeSpan.FromSeconds(10), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ApplyAsync(IndexChange change, CancellationToken cancellationToken)
    {
        var collection = await catalog.GetCollectionAsync(change.Collection, cancellationToken).ConfigureAwait(false);
        if (collection is null)
        {
            await writer.DeleteCollectionAsync(change.Collection, cancellationToken).ConfigureAwait(false);
            return;
        }

        var dimensions = collection.EmbeddingModel?.Dimensions ?? 0;
        if (change.DocumentId is { } documentId)
        {
            await writer.EnsureCollectionAsync(change.Collection, dimensions, cancellationToken).ConfigureAwait(false);
            await writer.DescribeCollectionAsync(collection, cancellationToken).ConfigureAwait(false);
            await writer.ReplaceDocumentAsync(change.Collection, documentId, await feed.ReadDocumentAsync(change.Collection, documentId, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return;
        }

        // The whole collection changed (re-embedded, for instance): rebuild its index from the catalog.
        await writer.DeleteCollectionAsync(change.Collection, cancellationToken).ConfigureAwait(false);
        await writer.EnsureCollectionAsync(change.Collection, dimensions, cancellationToken).ConfigureAwait(false);
        await writer.DescribeCollectionAsync(collection, cancellationToken).ConfigureAwait(false);
        await CopyCollectionAsync(feed, writer, change.Collection, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes every document of a collection, one document per write; reports chunks written.</summary>
    public static async Task<long> CopyCollectionAsync(IIndexChangeFeed feed, ISearchIndexWriter writer, string collection, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var written = 0L;
        var batch = new List<IndexableChunk>();
        await foreach (var chunk in feed.ReadCollectionAsync(collection, cancellationToken).ConfigureAwait(false))
        {
            if (batch.Count > 0 && batch[0].Chunk.DocumentId != chunk.Chunk.DocumentId)
            {
                await writer.ReplaceDocumentAsync(collection, batch[0].Chunk.DocumentId, batch, cancellationToken).ConfigureAwait(false);
                written += batch.Count;
                progress?.Report(written);
                batch = [];
            }

            batch.Add(chunk);
        }

        if (batch.Count > 0)
        {
            await writer.ReplaceDocumentAsync(collection, batch[0].Chunk.DocumentId, batch, cancellationToken).ConfigureAwait(false);
            written += batch.Count;
            progress?.Report(written);
        }

        return written;
    }

    private long ReadCheckpoint() =>
        File.Exists(checkpointPath) && long.TryParse(File.ReadAllText(checkpointPath).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private void WriteCheckpoint(long sequence)
    {
        // Write then rename, so a crash never leaves a torn checkpoint.
        Directory.CreateDirectory(Path.GetDirectoryName(checkpointPath)!);
        var temporary = checkpointPath + ".tmp";
        File.WriteAllText(temporary, sequence.ToString(CultureInfo.InvariantCulture));
        File.Move(temporary, checkpointPath, overwrite: true);
    }
}

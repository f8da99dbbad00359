using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SlmRag.Core.Retrieval;
using SlmRag.Core.Storage;

namespace SlmRag.Storage.Embedded.Search;

/// <summary>
/// Loads every collection's in-memory indexes in the background when the service starts, so the first
/// query does not pay for reading vectors and analysing text. Start-up does not wait for it.
/// </summary>
internal sealed partial class SearchIndexWarmUp(ICatalogStore catalog, ISearchIndex index, ILogger<SearchIndexWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        foreach (var summary in await catalog.ListCollectionsAsync(stoppingToken))
        {
            try
            {
                var started = TimeProvider.System.GetTimestamp();
                await index.SearchLexicalAsync(summary.Collection.Name, string.Empty, SearchFilter.Everything, 1, stoppingToken);
                Loaded(logger, summary.Collection.Name, summary.Chunks, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A collection that fails to load here fails its own queries with the same error; keep warming the others.
                Failed(logger, ex, summary.Collection.Name);
            }
        }
    }

    [LoggerMessage(20, LogLevel.Information, "Search indexes of '{Collection}' loaded: {Chunks} chunks in {Milliseconds:0} ms")]
    private static partial void Loaded(ILogger logger, string collection, int chunks, double milliseconds);

    [LoggerMessage(21, LogLevel.Warning, "Search indexes of '{Collection}' could not be loaded at start")]
    private static partial void Failed(ILogger logger, Exception exception, string collection);
}

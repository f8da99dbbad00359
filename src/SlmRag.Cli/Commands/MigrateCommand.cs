using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Retrieval;
using SlmRag.Core.Storage;
using SlmRag.Storage.Qdrant;
using Spectre.Console;

namespace SlmRag.Cli.Commands;

/// <summary>
/// <c>slmrag migrate --to qdrant</c>: copies collections from the embedded store into Qdrant
/// (<c>Storage:Qdrant:Url</c>), with progress, then verifies the counts and that a sample of chunks finds
/// itself first in both stores. Sets the synchronizer's checkpoint so Qdrant then follows the catalog.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create(CommonOptions common)
    {
        var to = new Option<string>("--to") { Required = true, Description = "The target store: qdrant." };
        var collection = new Option<string?>("--collection", "-c") { Description = "One collection (default: all)." };
        var samples = new Option<int>("--samples") { Description = "Chunks checked for identical results.", DefaultValueFactory = _ => 20 };
        var command = new Command("migrate", "Copy collections from the embedded store to Qdrant and verify them.") { to, collection, samples };
        command.SetAction((parse, cancellationToken) => CliErrors.Run(async () =>
        {
            if (!string.Equals(parse.GetValue(to), "qdrant", StringComparison.OrdinalIgnoreCase))
            {
                throw new CliInputException("--to takes qdrant.");
            }

            var overrides = common.Overrides(parse);
            overrides["Storage:Provider"] = "Embedded";
            using var host = await CliHost.StartAsync(overrides, runWorker: false, cancellationToken);
            var configuration = host.Services.GetRequiredService<IConfiguration>();
            if (string.IsNullOrWhiteSpace(configuration["Storage:Qdrant:Url"]))
            {
                throw new CliInputException("Set Storage:Qdrant:Url (e.g. Storage__Qdrant__Url=http://localhost:6333) to migrate.");
            }

            await using var qdrant = new ServiceCollection().AddLogging().AddRetrieval(configuration).AddQdrantSearch(configuration).BuildServiceProvider();
            var writer = qdrant.GetRequiredService<ISearchIndexWriter>();
            var target = qdrant.GetRequiredService<ISearchIndex>();
            var source = host.Services.GetRequiredService<ISearchIndex>();
            var feed = host.Services.GetRequiredService<IIndexChangeFeed>();
            var catalog = host.Services.GetRequiredService<ICatalogStore>();
            var checkpoint = await LatestChangeAsync(feed, cancellationToken);
            var name = parse.GetValue(collection);
            var collections = (await catalog.ListCollectionsAsync(cancellationToken)).Where(c => name is null || c.Collection.Name == name).ToList();
            if (collections.Count == 0)
            {
                throw new CliInputException(name is null ? "There are no collections to migrate." : $"There is no collection named '{name}'.");
            }

            var failed = false;
            foreach (var summary in collections)
            {
                var current = summary.Collection;
                await writer.EnsureCollectionAsync(current.Name, current.EmbeddingModel?.Dimensions ?? 0, cancellationToken);
                await writer.DescribeCollectionAsync(current, cancellationToken);
                await AnsiConsole.Progress().StartAsync(async context =>
                {
                    var task = context.AddTask(Markup.Escape(current.Name), maxValue: Math.Max(summary.Chunks, 1));
                    await QdrantIndexSynchronizer.CopyCollectionAsync(feed, writer, current.Name, new SynchronousProgress<long>(n => task.Value = n), cancellationToken);
                    task.Value = task.MaxValue;
                });

                var count = await writer.CountAsync(current.Name, cancellationToken);
                var (checkedChunks, same) = await CompareAsync(feed, source, target, current.Name, current.EmbeddingModel is not null, parse.GetValue(samples), cancellationToken);
                var ok = count == summary.Chunks && same == checkedChunks;
                failed |= !ok;
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                    $"{(ok ? "[green]ok[/]" : "[red]MISMATCH[/]")} {current.Name}: {count:N0} of {summary.Chunks:N0} chunks in Qdrant; {same} of {checkedChunks} sampled chunks find themselves first in both stores.");
            }

            // From here on the synchronizer replays only what changes after the copy began.
            var checkpointPath = Path.Combine(Path.GetFullPath(configuration["Storage:DataDirectory"] ?? "data"), "qdrant-sync.checkpoint");
            await File.WriteAllTextAsync(checkpointPath, checkpoint.ToString(CultureInfo.InvariantCulture), cancellationToken);
            AnsiConsole.MarkupLine(failed ? "[red]Verification failed.[/]" : "Done. Set Storage:Provider=Qdrant to serve searches from Qdrant.");
            return failed ? CliErrors.Failed : 0;
        }));
        return command;
    }

    private static async Task<long> LatestChangeAsync(IIndexChangeFeed feed, CancellationToken cancellationToken)
    {
        var latest = 0L;
        for (IReadOnlyList<IndexChange> page; (page = await feed.ReadChangesAsync(latest, 10_000, cancellationToken)).Count > 0;)
        {
            latest = page[^1].Sequence;
        }

        return latest;
    }

    /// <summary>Each sampled chunk searched by its own vector (or its own text without vectors) must come first in both stores.</summary>
    private static async Task<(int Checked, int Same)> CompareAsync(IIndexChangeFeed feed, ISearchIndex source, ISearchIndex target, string collection, bool dense, int samples, CancellationToken cancellationToken)
    {
        var (checkedChunks, same) = (0, 0);
        await foreach (var item in feed.ReadCollectionAsync(collection, cancellationToken))
        {
            if (checkedChunks == samples)
            {
                break;
            }

            checkedChunks++;
            var (a, b) = dense && item.Vector is { } vector
                ? (await source.SearchVectorAsync(collection, vector, SearchFilter.Everything, 1, cancellationToken), await target.SearchVectorAsync(collection, vector, SearchFilter.Everything, 1, cancellationToken))
                : (await source.SearchLexicalAsync(collection, item.Chunk.Text, SearchFilter.Everything, 1, cancellationToken), await target.SearchLexicalAsync(collection, item.Chunk.Text, SearchFilter.Everything, 1, cancellationToken));
            same += a.Count == 1 && b.Count == 1 && a[0].ChunkId == b[0].ChunkId ? 1 : 0;
        }

        return (checkedChunks, same);
    }
}

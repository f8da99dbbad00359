using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Retrieval;
using SlmRag.Core.Storage;
using Spectre.Console;

namespace SlmRag.Cli.Commands;

/// <summary><c>slmrag search</c>: hybrid search from the terminal, with each retriever's evidence.</summary>
internal static class SearchCommand
{
    public static Command Create(CommonOptions common)
    {
        var query = new Argument<string>("query") { Description = "What to look for." };
        var collection = new Option<string>("--collection", "-c") { Required = true, Description = "The collection to search." };
        var limit = new Option<int>("--limit", "-n") { Description = "How many chunks to show.", DefaultValueFactory = _ => 5 };
        var mode = new Option<RetrievalMode>("--mode") { Description = "hybrid, lexical or dense.", DefaultValueFactory = _ => RetrievalMode.Hybrid };
        var tags = new Option<string[]>("--tag") { Description = "Only documents with this tag (repeatable).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("search", "Search a collection.") { query, collection, limit, mode, tags };
        command.SetAction((parse, cancellationToken) => CliErrors.Run(async () =>
        {
            using var host = await CliHost.StartAsync(common.Overrides(parse), runWorker: false, cancellationToken);
            var retriever = host.Services.GetRequiredService<HybridRetriever>();
            var catalog = host.Services.GetRequiredService<ICatalogStore>();
            var name = parse.GetValue(collection)!;
            // The CLI runs with the data directory's own rights: it sees every document.
            var hits = await retriever.RetrieveAsync(name, parse.GetValue(query)!, new SearchFilter(parse.GetValue(tags) ?? [], [], SeesEverything: true),
                Math.Clamp(parse.GetValue(limit), 1, 100), parse.GetValue(mode), cancellationToken);

            var chunks = (await catalog.GetChunksByIdAsync(name, hits.Select(h => h.ChunkId).ToList(), cancellationToken)).ToDictionary(c => c.Id);
            // RANKS: the chunk's rank in the BM25 list / in the vector list ("-" where that retriever did not find it).
            var table = CliOutput.Table("#", "SCORE", "RANKS", "SOURCE", "TEXT");
            var flexible = CliOutput.Remaining(5, 2, 5, 7);
            var sourceWidth = Math.Clamp(flexible / 3, 12, 40);
            var textWidth = flexible - sourceWidth;
            var rank = 0;
            foreach (var hit in hits.Where(h => chunks.ContainsKey(h.ChunkId)))
            {
                var chunk = chunks[hit.ChunkId];
                var where = CliOutput.Where(chunk.Title, chunk.SectionPath, chunk.PageStart, chunk.PageEnd);
                var source = where.Length > 0 ? $"{chunk.Title} › {where}" : chunk.Title;
                var ranks = $"{hit.Lexical?.Rank.ToString(CultureInfo.InvariantCulture) ?? "-"}/{hit.Dense?.Rank.ToString(CultureInfo.InvariantCulture) ?? "-"}";
                table.AddRow((++rank).ToString(CultureInfo.InvariantCulture), hit.Score.ToString("0.000", CultureInfo.InvariantCulture), ranks,
                    Markup.Escape(CliOutput.Clip(source, sourceWidth * 2)), Markup.Escape(CliOutput.Clip(chunk.Text, textWidth * 3)));
            }

            if (rank == 0)
            {
                // Nothing found is an answer, not an error: exit 0 with a note, like ask when it abstains.
                CliOutput.Note($"No passage in '{name}' matches \"{parse.GetValue(query)}\".");
                return 0;
            }

            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }
}

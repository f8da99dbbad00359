using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Storage;
using Spectre.Console;

namespace SlmRag.Cli.Commands;

/// <summary><c>slmrag reindex</c>: re-embeds a collection with the configured embedding model, after a model change.</summary>
internal static class ReindexCommand
{
    public static Command Create(CommonOptions common)
    {
        var collection = new Option<string>("--collection", "-c") { Required = true, Description = "The collection to re-embed." };
        var command = new Command("reindex", "Re-embed every chunk of a collection with the configured embedding model.") { collection };
        command.SetAction((parse, cancellationToken) => CliErrors.Run(async () =>
        {
            using var host = await CliHost.StartAsync(common.Overrides(parse), runWorker: false, cancellationToken);
            var catalog = host.Services.GetRequiredService<ICatalogStore>();
            var (embedder, model) = CollectionReembedding.Configured(host.Services)
                ?? throw new CliInputException("No embedding model is configured (Embeddings:Provider is None).");
            var name = parse.GetValue(collection)!;
            var summary = (await catalog.ListCollectionsAsync(cancellationToken)).FirstOrDefault(c => c.Collection.Name == name)
                ?? throw new CliInputException($"There is no collection named '{name}'.");
            var count = await CliProgress.RunAsync($"Re-embedding {name} with {model.Name}", summary.Chunks, progress =>
                CollectionReembedding.RunAsync(host.Services, name, embedder, model, progress, cancellationToken));
            AnsiConsole.MarkupLineInterpolated($"Re-embedded {count:N0} chunks of '{name}' with {model.Name} ({model.Dimensions} dimensions, fingerprint {model.Hash}).");
            return 0;
        }));
        return command;
    }
}

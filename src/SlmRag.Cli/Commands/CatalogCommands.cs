using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Storage;
using Spectre.Console;

namespace SlmRag.Cli.Commands;

/// <summary><c>slmrag collections | documents | jobs</c>: read the catalog and the job queue.</summary>
internal static class CatalogCommands
{
    public static Command Collections(CommonOptions common)
    {
        var command = new Command("collections", "List collections.");
        command.SetAction((parse, cancellationToken) => CliErrors.Run(async () =>
        {
            using var host = await CliHost.StartAsync(common.Overrides(parse), runWorker: false, cancellationToken);
            var table = new Table().AddColumns("Collection", "Documents", "Chunks", "Local only", "Created");
            foreach (var s in await host.Services.GetRequiredService<ICatalogStore>().ListCollectionsAsync(cancellationToken))
            {
                table.AddRow(Markup.Escape(s.Collection.Name), Number(s.Documents), Number(s.Chunks), s.Collection.LocalOnly ? "yes" : "no", s.Collection.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }

    public static Command Documents(CommonOptions common)
    {
        var collection = new Option<string>("--collection", "-c") { Required = true, Description = "The collection to list." };
        var tag = new Option<string?>("--tag") { Description = "Only documents with this tag." };
        var command = new Command("documents", "List the documents of a collection.") { collection, tag };
        command.SetAction((parse, cancellationToken) => CliErrors.Run(async () =>
        {
            using var host = await CliHost.StartAsync(common.Overrides(parse), runWorker: false, cancellationToken);
            var catalog = host.Services.GetRequiredService<ICatalogStore>();
            var name = parse.GetValue(collection)!;
            if (await catalog.GetCollectionAsync(name, cancellationToken) is null)
            {
                throw new CliInputException($"There is no collection named '{name}'.");
            }

            var page = await catalog.ListDocumentsAsync(name, new DocumentQuery(parse.GetValue(tag), 0, 10_000), cancellationToken);
            var table = new Table().Title($"{page.Total} documents in {name}").AddColumns("Id", "Key", "Title", "Format", "Pages", "Chunks", "Version", "Updated");
            foreach (var d in page.Documents)
            {
                table.AddRow(d.Id[..12], Markup.Escape(d.Key), Markup.Escape(d.Title.Length > 50 ? d.Title[..50] + "…" : d.Title), d.Format.ToString(),
                    Number(d.PageCount), Number(d.ChunkCount), Number(d.Version), d.UpdatedAt.ToString("u", CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }

    public static Command Jobs(CommonOptions common)
    {
        var jobId = new Argument<string?>("job-id") { Arity = ArgumentArity.ZeroOrOne, Description = "Show one job with its per-document results." };
        var collection = new Option<string?>("--collection", "-c") { Description = "Only jobs of this collection." };
        var command = new Command("jobs", "List ingestion jobs, or show one.") { jobId, collection };
        command.SetAction((parse, cancellationToken) => CliErrors.Run(async () =>
        {
            using var host = await CliHost.StartAsync(common.Overrides(parse), runWorker: false, cancellationToken);
            var jobs = host.Services.GetRequiredService<IJobStore>();
            if (parse.GetValue(jobId) is { } id)
            {
                JobTable.Write(await jobs.GetJobAsync(id, cancellationToken) ?? throw new CliInputException($"There is no job '{id}'."));
                return 0;
            }

            var table = new Table().AddColumns("Job", "Collection", "State", "Files", "Done", "Succeeded", "Unchanged", "Failed", "Chunks", "Created");
            foreach (var job in await jobs.ListJobsAsync(parse.GetValue(collection), 50, cancellationToken))
            {
                var p = job.Progress;
                table.AddRow(job.Id, Markup.Escape(job.Collection), job.State.ToString(), Number(p.Files), Number(p.FilesDone), Number(p.Succeeded), Number(p.Unchanged), Number(p.Failed), Number(p.Chunks), job.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

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
            using var host = await CliHost.StartCatalogAsync(common.Overrides(parse), cancellationToken);
            var table = CliOutput.Table("COLLECTION", "DOCUMENTS", "CHUNKS", "LOCAL ONLY", "CREATED");
            var name = CliOutput.Remaining(5, 9, 8, 10, 10);
            foreach (var s in await host.Services.GetRequiredService<ICatalogStore>().ListCollectionsAsync(cancellationToken))
            {
                table.AddRow(Markup.Escape(CliOutput.Clip(s.Collection.Name, name)), Number(s.Documents), Number(s.Chunks), s.Collection.LocalOnly ? "yes" : "no", Day(s.Collection.CreatedAt));
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
            using var host = await CliHost.StartCatalogAsync(common.Overrides(parse), cancellationToken);
            var catalog = host.Services.GetRequiredService<ICatalogStore>();
            var name = parse.GetValue(collection)!;
            if (await catalog.GetCollectionAsync(name, cancellationToken) is null)
            {
                throw new CliInputException($"There is no collection named '{name}'.");
            }

            var page = await catalog.ListDocumentsAsync(name, new DocumentQuery(parse.GetValue(tag), 0, 10_000), cancellationToken);
            var table = CliOutput.Table("KEY", "TITLE", "FORMAT", "PAGES", "CHUNKS", "VERSION", "UPDATED");
            var flexible = CliOutput.Remaining(7, 8, 5, 6, 7, 10);
            foreach (var d in page.Documents)
            {
                // A key may hold one document per access list: the groups tell the rows apart.
                var key = d.Metadata.AccessGroups.Count == 0 ? d.Key : $"{d.Key} [{string.Join(",", d.Metadata.AccessGroups)}]";
                table.AddRow(Markup.Escape(CliOutput.Clip(key, flexible / 2)), Markup.Escape(CliOutput.Clip(d.Title, flexible - (flexible / 2))), d.Format.ToString(),
                    Number(d.PageCount), Number(d.ChunkCount), Number(d.Version), Day(d.UpdatedAt));
            }

            AnsiConsole.Write(table);
            Console.WriteLine($"{page.Total} documents in '{name}'.");
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
            using var host = await CliHost.StartCatalogAsync(common.Overrides(parse), cancellationToken);
            var jobs = host.Services.GetRequiredService<IJobStore>();
            if (parse.GetValue(jobId) is { } id)
            {
                JobTable.Write(await FindJobAsync(jobs, id, cancellationToken));
                return 0;
            }

            var table = CliOutput.Table("JOB", "COLLECTION", "STATE", "FILES", "FAILED", "CHUNKS", "CREATED");
            var name = CliOutput.Remaining(7, JobIdLength, 9, 11, 6, 6, 16);
            foreach (var job in await jobs.ListJobsAsync(parse.GetValue(collection), 50, cancellationToken))
            {
                var p = job.Progress;
                table.AddRow(job.Id[..Math.Min(JobIdLength, job.Id.Length)], Markup.Escape(CliOutput.Clip(job.Collection, name)), job.State.ToString(),
                    $"{Number(p.FilesDone)}/{Number(p.Files)}", Number(p.Failed), Number(p.Chunks), job.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }

    /// <summary>Job ids are printed this long; <c>slmrag jobs ID</c> takes any unique prefix.</summary>
    private const int JobIdLength = 12;

    private static async Task<SlmRag.Core.Jobs.IngestionJob> FindJobAsync(IJobStore jobs, string id, CancellationToken cancellationToken)
    {
        if (await jobs.GetJobAsync(id, cancellationToken) is { } job)
        {
            return job;
        }

        var matches = (await jobs.ListJobsAsync(null, 10_000, cancellationToken)).Where(j => j.Id.StartsWith(id, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count switch
        {
            1 => await jobs.GetJobAsync(matches[0].Id, cancellationToken) ?? throw new CliInputException($"There is no job '{id}'."),
            0 => throw new CliInputException($"There is no job '{id}'."),
            _ => throw new CliInputException($"'{id}' starts {matches.Count} job ids; give more of it."),
        };
    }

    private static string Day(DateTimeOffset time) => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

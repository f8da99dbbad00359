using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Collections;
using SlmRag.Core.Documents;
using SlmRag.Core.Jobs;
using SlmRag.Core.Storage;
using SlmRag.Ingestion.Uploads;
using SlmRag.Ingestion.Worker;
using Spectre.Console;

namespace SlmRag.Cli.Commands;

/// <summary>
/// <c>slmrag ingest</c>: queues files as a durable job, then processes the queue in this process
/// with a live progress bar, through the same pipeline as the service.
/// </summary>
internal static class IngestCommand
{
    public static Command Create(CommonOptions common)
    {
        var paths = new Argument<string[]>("paths") { Arity = ArgumentArity.OneOrMore, Description = "Files or folders to ingest." };
        var collection = new Option<string>("--collection", "-c") { Required = true, Description = "Target collection (created if missing)." };
        var tags = new Option<string[]>("--tag") { Description = "A tag for every document (repeatable).", AllowMultipleArgumentsPerToken = true };
        var groups = new Option<string[]>("--access-group") { Description = "A group allowed to read the documents (repeatable).", AllowMultipleArgumentsPerToken = true };
        var sourceUrl = new Option<string?>("--source-url") { Description = "Where the originals live." };
        var password = new Option<string?>("--password") { Description = "Password for encrypted PDFs (also read from SLMRAG_PDF_PASSWORD)." };
        var command = new Command("ingest", "Ingest files or folders into a collection, with progress.") { paths, collection, tags, groups, sourceUrl, password };
        command.SetAction((parse, cancellationToken) => CliErrors.Run(async () =>
        {
            var name = parse.GetValue(collection)!;
            if (!CollectionName.IsValid(name))
            {
                throw new CliInputException($"'{name}' is not a valid collection name: {CollectionName.Rule}.");
            }

            var files = LocalFiles.Enumerate(parse.GetValue(paths)!);
            if (files.Count == 0)
            {
                throw new CliInputException("No files found to ingest.");
            }

            var metadata = new DocumentMetadata(parse.GetValue(tags) ?? [], parse.GetValue(sourceUrl), parse.GetValue(groups) ?? []);
            var secret = parse.GetValue(password) ?? Environment.GetEnvironmentVariable("SLMRAG_PDF_PASSWORD");
            using var host = await CliHost.StartAsync(common.Overrides(parse), runWorker: false, cancellationToken);
            var job = await RunWithProgressAsync(host.Services, name, files, metadata, secret, cancellationToken);
            JobTable.Write(job);
            return job.Progress.Failed > 0 ? CliErrors.Failed : 0;
        }));
        return command;
    }

    private static async Task<IngestionJob> RunWithProgressAsync(IServiceProvider services, string collection, IReadOnlyList<LocalFiles.LocalFile> files, DocumentMetadata metadata, string? password, CancellationToken cancellationToken)
    {
        var runner = services.GetRequiredService<InProcessJobRunner>();
        IngestionJob? job = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var upload = context.AddTask("Uploading", maxValue: files.Count);
                var submitted = await LocalFiles.QueueAsync(services, collection, null, files, metadata, password, _ => upload.Increment(1), cancellationToken);
                var ingest = context.AddTask("Ingesting", maxValue: files.Count);
                job = await runner.RunToCompletionAsync(submitted.Id, $"cli:{Environment.ProcessId}", current =>
                {
                    var progress = current.Progress;
                    ingest.Value = progress.FilesDone;
                    ingest.Description = $"Ingesting: {progress.Succeeded} new, {progress.Unchanged} unchanged, {progress.Failed} failed, {progress.Pages} pages, {progress.Chunks} chunks";
                }, cancellationToken);
            });
        return job!;
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Collections;
using SlmRag.Core.Documents;
using SlmRag.Core.Jobs;
using SlmRag.Core.Storage;

namespace SlmRag.Cli.Commands;

/// <summary>
/// <c>serve --ingest</c>: queues a folder once the service is up, unless nothing changed since the last
/// start (every file's bytes match its document in the catalog, and the stamp of the build and the
/// ingestion settings matches), then reports the job's progress until it is done.
/// </summary>
internal static class ServeIngestion
{
    public static async Task QueueAsync(IServiceProvider services, string collection, string folder, string address, TextWriter output, CancellationToken cancellationToken)
    {
        if (!CollectionName.IsValid(collection))
        {
            throw new CliInputException($"'{collection}' is not a valid collection name: {CollectionName.Rule}.");
        }

        await ReembedIfModelChangedAsync(services, collection, output, cancellationToken);
        var files = LocalFiles.Enumerate([folder]);
        var hashes = files.ToDictionary(f => f.Key, f => Sha256(f.Path), StringComparer.Ordinal);
        var stampPath = StampPath(services, collection);
        var stamp = Stamp(services, collection, folder, hashes);
        if (await UnchangedAsync(services, collection, hashes, stampPath, stamp, cancellationToken))
        {
            output.WriteLine($"    {files.Count} files in {folder} unchanged since the last start; '{collection}' is ready (not re-ingested).");
            return;
        }

        var job = await LocalFiles.QueueAsync(services, collection, "Sample corpus", files, DocumentMetadata.Empty, null, null, cancellationToken);
        output.WriteLine($"    queued {files.Count} files from {folder} into '{collection}' (job {address}/v1/jobs/{job.Id}).");
        _ = Task.Run(() => ReportAsync(services, job.Id, collection, stampPath, stamp, output, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// A collection embedded by another model (an upgrade changed the default, or the configuration did) would refuse
    /// every file and every question: the folder's collection is first brought to the configured model, as
    /// <c>slmrag reindex</c> would, so that starting the service keeps working after an upgrade.
    /// </summary>
    private static async Task ReembedIfModelChangedAsync(IServiceProvider services, string collection, TextWriter output, CancellationToken cancellationToken)
    {
        var summary = (await services.GetRequiredService<ICatalogStore>().ListCollectionsAsync(cancellationToken))
            .FirstOrDefault(c => c.Collection.Name == collection);
        if (summary?.Collection.EmbeddingModel is not { } stored || CollectionReembedding.Configured(services) is not var (generator, model) || stored == model)
        {
            return;
        }

        output.WriteLine($"    '{collection}' holds vectors of {stored.Name} ({stored.Hash}); re-embedding its {summary.Chunks} chunks with {model.Name} ({model.Hash}).");
        var count = await CliProgress.RunAsLinesAsync(output, $"    re-embedding '{collection}'", summary.Chunks,
            progress => CollectionReembedding.RunAsync(services, collection, generator, model, progress, cancellationToken));
        output.WriteLine($"    re-embedded {count} chunks of '{collection}'.");
    }

    private static async Task ReportAsync(IServiceProvider services, string jobId, string collection, string stampPath, string stamp, TextWriter output, CancellationToken cancellationToken)
    {
        var jobs = services.GetRequiredService<IJobStore>();
        var time = services.GetRequiredService<TimeProvider>();
        var started = time.GetTimestamp();
        var lastDone = -1;
        var lastReport = started;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var summary = await jobs.GetJobSummaryAsync(jobId, cancellationToken);
                if (summary is null)
                {
                    return;
                }

                var p = summary.Progress;
                var finished = summary.State == JobState.Completed;
                // A line when a file finishes, or every 5 s while one is still being processed, never silence.
                if (p.FilesDone != lastDone || time.GetElapsedTime(lastReport).TotalSeconds >= 5 || finished)
                {
                    var seconds = time.GetElapsedTime(started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
                    output.WriteLine($"    ingesting '{collection}': {p.FilesDone}/{p.Files} files ({p.Succeeded} new, {p.Unchanged} unchanged, {p.Failed} failed), {p.Chunks} chunks, {seconds} s");
                    lastDone = p.FilesDone;
                    lastReport = time.GetTimestamp();
                }

                if (finished)
                {
                    if (p.Failed == 0)
                    {
                        await File.WriteAllTextAsync(stampPath, stamp, cancellationToken);
                    }

                    output.WriteLine(p.Failed == 0
                        ? $"    '{collection}' is ready: ask away."
                        : $"    '{collection}' is ready with {p.Failed} failed files (see the job for the reasons).");
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The service is stopping; the job stays queued and finishes on the next start.
        }
    }

    private static async Task<bool> UnchangedAsync(IServiceProvider services, string collection, Dictionary<string, string> hashes, string stampPath, string stamp, CancellationToken cancellationToken)
    {
        if (!File.Exists(stampPath) || await File.ReadAllTextAsync(stampPath, cancellationToken) != stamp)
        {
            return false;
        }

        // The stamp alone would miss documents deleted through the API since: the catalog must still hold every file's bytes.
        var catalog = services.GetRequiredService<ICatalogStore>();
        var page = await catalog.ListDocumentsAsync(collection, new DocumentQuery(null, 0, Math.Max(1, hashes.Count) + 1000), cancellationToken);
        // Several documents may share a key (one per access list); the folder's own are public, like every document it ingests.
        var stored = page.Documents.Where(d => d.Metadata.AccessGroups.Count == 0).ToDictionary(d => d.Key, d => d.ContentHash, StringComparer.Ordinal);
        return hashes.All(h => stored.TryGetValue(h.Key, out var hash) && hash == h.Value);
    }

    /// <summary>The folder's contents, the ingestion and embedding settings, and this build: a change in any of them re-ingests.</summary>
    private static string Stamp(IServiceProvider services, string collection, string folder, Dictionary<string, string> hashes)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var text = new StringBuilder()
            .AppendLine(collection)
            .AppendLine(Path.GetFullPath(folder))
            .AppendLine(typeof(SlmRag.Ingestion.Uploads.UploadStager).Assembly.ManifestModule.ModuleVersionId.ToString())
            .AppendLine(typeof(ServeIngestion).Assembly.ManifestModule.ModuleVersionId.ToString());
        foreach (var section in new[] { "Ingestion", "Embeddings" })
        {
            foreach (var (key, value) in configuration.GetSection(section).AsEnumerable().OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                text.Append(key).Append('=').AppendLine(value);
            }
        }

        foreach (var (key, hash) in hashes.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            text.Append(key).Append(' ').AppendLine(hash);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string StampPath(IServiceProvider services, string collection)
    {
        var directory = Path.GetFullPath(services.GetRequiredService<IConfiguration>()["Storage:DataDirectory"] ?? "data");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, $"serve-ingest-{collection}.stamp");
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Collections;
using SlmRag.Core.Documents;
using SlmRag.Core.Jobs;
using SlmRag.Core.Storage;
using SlmRag.Embeddings;
using SlmRag.Evaluation.Collections;
using SlmRag.Ingestion;
using SlmRag.Ingestion.Uploads;
using SlmRag.Ingestion.Worker;
using SlmRag.Storage.Embedded;

namespace SlmRag.Bench;

/// <summary>
/// Ingestion throughput with the configured embedding model (MiniLM by default) against the same
/// pipeline without embeddings (Embeddings:Provider=None), each dataset measured both ways in the same
/// run: what embedding costs per document and per chunk. Model loading is outside the timed part.
/// </summary>
internal static class EmbeddingIngestionBenchmark
{
    private sealed record Dataset(string Name, IReadOnlyList<(string FileName, string Key, Func<Stream> Open)> Files);

    public static async Task<int> RunAsync(string shared, IReadOnlyDictionary<string, string?> settings, int runs)
    {
        var handbook = Path.Combine(Directory.GetCurrentDirectory(), "corpora", "handbook");
        var web = Path.Combine(shared, "documents", "web-pages");
        var vaswani = Path.Combine(shared, "datasets", "vaswani");
        if (!Directory.Exists(handbook) || !Directory.Exists(web) || !Directory.Exists(vaswani))
        {
            Console.Error.WriteLine($"Run from the repository root (corpora/handbook) with the shared data under {shared} (--shared <path>).");
            return 2;
        }

        var abstracts = TestCollectionReader.Read(vaswani).Documents.Take(2000).ToList();
        Dataset[] datasets =
        [
            new("handbook (corpora)", [.. Directory.GetFiles(handbook, "*", SearchOption.AllDirectories).Order()
                .Select(f => (Path.GetFileName(f), Path.GetRelativePath(handbook, f), (Func<Stream>)(() => File.OpenRead(f))))]),
            new("web-pages (HTML)", [.. Directory.GetDirectories(web).Order().Select(d => Path.Combine(d, "source.html"))
                .Select(f => ("source.html", Path.GetRelativePath(web, f), (Func<Stream>)(() => File.OpenRead(f))))]),
            new("vaswani, first 2,000 abstracts", [.. abstracts
                .Select(d => ($"{d.Id}.txt", d.Id, (Func<Stream>)(() => new MemoryStream(Encoding.UTF8.GetBytes(d.Text)))))]),
        ];

        var provider = settings.TryGetValue("Embeddings:Provider", out var p) && p is not null ? p : nameof(EmbeddingProvider.MiniLM);
        Console.WriteLine($"Ingestion with and without embeddings ({provider}): median of {runs} run(s), {Environment.ProcessorCount} cores, 1 worker slot, fresh data directory per run.");
        Console.WriteLine();
        Console.WriteLine("| dataset | docs | chunks | embeddings | s | docs/s | chunks/s | time / without | peak working set |");
        Console.WriteLine("|---|---:|---:|---|---:|---:|---:|---:|---:|");
        foreach (var dataset in datasets)
        {
            double? without = null;
            foreach (var embeddings in new[] { "None", provider })
            {
                var values = new Dictionary<string, string?>(settings) { ["Embeddings:Provider"] = embeddings };
                IngestionJob? job = null;
                long peak = 0;
                var seconds = new List<double>();
                for (var run = 0; run < runs; run++)
                {
                    GC.Collect();
                    using var sampler = new PeakMemorySampler();
                    var (elapsed, finished) = await IngestAsync(dataset, values);
                    peak = Math.Max(peak, sampler.PeakBytes);
                    seconds.Add(elapsed);
                    job = finished;
                }

                var median = seconds.Order().ElementAt(seconds.Count / 2);
                without ??= median;
                var progress = job!.Progress;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {dataset.Name} | {dataset.Files.Count} | {progress.Chunks} | {embeddings} | {median:0.00} | {dataset.Files.Count / median:0.0} | {progress.Chunks / median:0.0} | {median / without.Value:0.00}x | {peak / 1024.0 / 1024.0:0} MB |"));
                if (progress.Failed > 0)
                {
                    Console.WriteLine($"  ({progress.Failed} documents failed, e.g. {job.Items.First(i => i.State == JobItemState.Failed).Error})");
                }
            }
        }

        return 0;
    }

    private static async Task<(double Seconds, IngestionJob Job)> IngestAsync(Dataset dataset, Dictionary<string, string?> settings)
    {
        var data = Directory.CreateTempSubdirectory("slmrag-bench-");
        try
        {
            settings["Storage:DataDirectory"] = data.FullName;
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            await using var services = new ServiceCollection().AddLogging().AddEmbeddedStorage(configuration).AddEmbeddings(configuration).AddIngestion(configuration).BuildServiceProvider();
            // Loads the model before the clock starts: a running worker has it loaded.
            _ = services.GetService<IEmbeddingGenerator<string, Embedding<float>>>();
            await services.GetRequiredService<ICatalogStore>().CreateCollectionAsync(new Collection("bench", null, false, null, DateTimeOffset.UtcNow), CancellationToken.None);
            var stager = services.GetRequiredService<UploadStager>();
            var items = new List<NewJobItem>();
            foreach (var (fileName, key, open) in dataset.Files)
            {
                await using var stream = open();
                items.Add(await stager.StageAsync(fileName, key, stream, DocumentMetadata.Empty, null, CancellationToken.None));
            }

            var watch = Stopwatch.StartNew();
            var job = await services.GetRequiredService<JobSubmitter>().SubmitAsync("bench", items, CancellationToken.None);
            var finished = await services.GetRequiredService<InProcessJobRunner>().RunToCompletionAsync(job.Id, "bench", null, CancellationToken.None);
            return (watch.Elapsed.TotalSeconds, finished);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }
}

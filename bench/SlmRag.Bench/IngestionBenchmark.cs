using System.Diagnostics;
using System.Globalization;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Collections;
using SlmRag.Core.Documents;
using SlmRag.Core.Jobs;
using SlmRag.Core.Storage;
using SlmRag.Ingestion;
using SlmRag.Ingestion.Uploads;
using SlmRag.Ingestion.Worker;
using SlmRag.Storage.Embedded;

namespace SlmRag.Bench;

/// <summary>
/// Ingestion throughput on real documents, each dataset against a baseline measured in the same run:
/// for PDFs the bare pdftotext processes the pipeline has to run anyway, for web pages a bare
/// AngleSharp parse. The ratio says what the pipeline (detection, structure, chunking, SQLite) adds.
/// </summary>
internal static class IngestionBenchmark
{
    public static async Task<int> RunAsync(string shared, int runs)
    {
        var pdfs = Path.Combine(shared, "documents", "pdf-real");
        var web = Path.Combine(shared, "documents", "web-pages");
        if (!Directory.Exists(pdfs) || !Directory.Exists(web))
        {
            Console.Error.WriteLine($"Shared documents not found under {shared}; pass --shared <path>.");
            return 2;
        }

        var datasets = new[]
        {
            ("pdf-real", Directory.GetFiles(pdfs, "*.pdf").Order().ToList(), (Func<string, Task>)PdftotextAsync),
            ("web-pages", Directory.GetDirectories(web).Order().Select(d => Path.Combine(d, "source.html")).ToList(), (Func<string, Task>)ParseHtmlAsync),
        };

        Console.WriteLine($"Ingestion benchmark: median of {runs} runs, {Environment.ProcessorCount} cores, 1 worker slot, fresh data directory per run.");
        Console.WriteLine();
        Console.WriteLine("| dataset | docs | pages | chunks | baseline | baseline s | SlmRag s | docs/s | pages/s | SlmRag / baseline | peak working set |");
        Console.WriteLine("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, files, baseline) in datasets)
        {
            var baselineSeconds = Median(await RepeatAsync(runs, async () =>
            {
                var watch = Stopwatch.StartNew();
                foreach (var file in files)
                {
                    await baseline(file);
                }

                return watch.Elapsed.TotalSeconds;
            }));

            IngestionJob? job = null;
            long peak = 0;
            var pipelineSeconds = Median(await RepeatAsync(runs, async () =>
            {
                GC.Collect();
                using var sampler = new PeakMemorySampler();
                var (seconds, finished) = await IngestAsync(files);
                peak = Math.Max(peak, sampler.PeakBytes);
                job = finished;
                return seconds;
            }));

            var p = job!.Progress;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {files.Count} | {p.Pages} | {p.Chunks} | {(name == "pdf-real" ? "pdftotext only" : "AngleSharp parse only")} | {baselineSeconds:0.00} | {pipelineSeconds:0.00} | {files.Count / pipelineSeconds:0.0} | {(p.Pages == 0 ? "n/a" : (p.Pages / pipelineSeconds).ToString("0.0", CultureInfo.InvariantCulture))} | {pipelineSeconds / baselineSeconds:0.00}x | {peak / 1024.0 / 1024.0:0} MB |"));
            if (p.Failed > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ({p.Failed} of {files.Count} documents failed with a document-level reason, e.g. {job.Items.First(i => i.State == JobItemState.Failed).Error})"));
            }
        }

        return 0;
    }

    private static async Task<(double Seconds, IngestionJob Job)> IngestAsync(IReadOnlyList<string> files)
    {
        var data = Directory.CreateTempSubdirectory("slmrag-bench-");
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = data.FullName }).Build();
            await using var services = new ServiceCollection().AddLogging().AddEmbeddedStorage(configuration).AddIngestion(configuration).BuildServiceProvider();
            await services.GetRequiredService<ICatalogStore>().CreateCollectionAsync(new Collection("bench", null, false, null, DateTimeOffset.UtcNow), CancellationToken.None);
            var watch = Stopwatch.StartNew();
            var stager = services.GetRequiredService<UploadStager>();
            var items = new List<NewJobItem>();
            foreach (var file in files)
            {
                await using var stream = File.OpenRead(file);
                items.Add(await stager.StageAsync(Path.GetFileName(file), Path.GetRelativePath(Path.GetDirectoryName(Path.GetDirectoryName(file))!, file), stream, DocumentMetadata.Empty, null, CancellationToken.None));
            }

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

    private static async Task PdftotextAsync(string file)
    {
        using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-htmlmeta", "-enc", "UTF-8", "-eol", "unix", file, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await Task.WhenAll(output, errors);
    }

    private static async Task ParseHtmlAsync(string file)
    {
        await using var stream = File.OpenRead(file);
        using var document = await new HtmlParser().ParseDocumentAsync(stream);
        _ = document.Body?.TextContent.Length;
    }

    private static async Task<List<double>> RepeatAsync(int runs, Func<Task<double>> run)
    {
        var results = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            results.Add(await run());
        }

        return results;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}

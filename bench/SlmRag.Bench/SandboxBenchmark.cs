using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Extraction;
using SlmRag.Ingestion.Detection;
using SlmRag.Ingestion.Pipeline;
using SlmRag.Ingestion.Sandbox;
using SlmRag.Testing;

namespace SlmRag.Bench;

/// <summary>
/// What the extraction sandbox costs per document: the same files extracted in process (the baseline), in warm
/// sandboxed children (the default), and in a fresh child per document (cold start every time), in one run.
/// </summary>
internal static class SandboxBenchmark
{
    public static async Task<int> RunAsync(string shared, int runs)
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Corpora, "handbook"), "*", SearchOption.AllDirectories).ToList();
        var realPdfs = Path.Combine(shared, "documents", "pdf-real");
        if (Directory.Exists(realPdfs))
        {
            files.AddRange(Directory.GetFiles(realPdfs, "*.pdf").Order(StringComparer.Ordinal).Take(20));
        }

        files.Sort(StringComparer.Ordinal);
        var modes = new (string Name, Dictionary<string, string?> Settings)[]
        {
            ("in process (baseline)", new() { ["Ingestion:Sandbox:Enabled"] = "false" }),
            ("sandbox, warm children", new()),
            ("sandbox, a child per document", new() { ["Ingestion:Sandbox:MaxDocumentsPerProcess"] = "1" }),
        };

        Console.WriteLine($"Sandbox benchmark: {files.Count} documents (corpora/handbook{(Directory.Exists(realPdfs) ? " + 20 of pdf-real" : string.Empty)}), median of {runs} runs, {Environment.ProcessorCount} cores, one document at a time.");
        Console.WriteLine();
        Console.WriteLine("| mode | total s | ms / document | overhead ms / document | ratio to in process | children started |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        double? baseline = null;
        foreach (var (name, settings) in modes)
        {
            var seconds = new List<double>();
            long children = 0;
            for (var run = 0; run < runs + 1; run++)
            {
                using var harness = new IngestionHarness(settings);
                var detector = harness.Services.GetRequiredService<FormatDetector>();
                var registry = harness.Services.GetRequiredService<ExtractorRegistry>();
                var watch = Stopwatch.StartNew();
                foreach (var file in files)
                {
                    var format = detector.Detect(file, Path.GetFileName(file));
                    await registry.For(format).ExtractAsync(new ExtractionInput(file, Path.GetFileName(file)), CancellationToken.None);
                }

                // The first run warms the JIT of this process and the disk cache; it is not counted.
                if (run > 0)
                {
                    seconds.Add(watch.Elapsed.TotalSeconds);
                    children = harness.Services.GetRequiredService<ExtractorProcessPool>().ProcessesStarted;
                }
            }

            var median = seconds.Order().ElementAt(seconds.Count / 2);
            baseline ??= median;
            var perDocument = median * 1000 / files.Count;
            var overhead = (median - baseline.Value) * 1000 / files.Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {median:0.00} | {perDocument:0.0} | {overhead:0.0} | {median / baseline.Value:0.00} | {children} |"));
        }

        return 0;
    }
}

using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Retrieval;
using SlmRag.Embeddings;
using SlmRag.Evaluation;
using SlmRag.Evaluation.Collections;
using SlmRag.Evaluation.Running;
using SlmRag.Ingestion;
using SlmRag.Storage.Embedded;

namespace SlmRag.Bench;

/// <summary>Retrieval quality and latency on the shared test collections, with SQLite FTS5 as the same-run baseline.</summary>
internal static class RetrievalBenchmark
{
    public static async Task<int> RunAsync(string shared, IReadOnlyDictionary<string, string?> settings, bool grid, bool fusionGrid, string? only = null)
    {
        foreach (var name in (only ?? "vaswani,cranfield").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var folder = Path.Combine(shared, "datasets", name);
            var collection = TestCollectionReader.Read(folder);
            var data = Directory.CreateTempSubdirectory("slmrag-eval-");
            try
            {
                var values = new Dictionary<string, string?>(settings) { ["Storage:DataDirectory"] = data.FullName };
                var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
                await using var services = new ServiceCollection().AddLogging()
                    .AddEmbeddedStorage(configuration).AddEmbeddings(configuration).AddIngestion(configuration).AddRetrieval(configuration).AddEvaluation()
                    .BuildServiceProvider();
                IReadOnlyList<(double, double)>? variants = grid
                    ? [.. from k1 in new[] { 0.9, 1.0, 1.2, 1.5 } from b in new[] { 0.4, 0.5, 0.6, 0.65, 0.75 } select (k1, b)]
                    : null;
                IReadOnlyList<(FusionMethod, double)>? fusions = fusionGrid
                    ? [.. from method in new[] { FusionMethod.ReciprocalRank, FusionMethod.WeightedScore } from weight in new[] { 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9 } select (method, weight)]
                    : null;
                var report = await services.GetRequiredService<EvaluationRunner>().RunAsync(collection, null, CancellationToken.None, variants, fusions,
                    (name, queries) => QueryPathProfile.RunAsync(services, name, queries));
                Print(report);
                await PrintQueryEmbeddingAsync(services.GetService<IEmbeddingGenerator<string, Embedding<float>>>(), collection);
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                data.Delete(recursive: true);
            }
        }

        return 0;
    }

    /// <summary>What embedding one query costs, measured alone on the same queries: it is part of every dense and hybrid query's time above.</summary>
    private static async Task PrintQueryEmbeddingAsync(IEmbeddingGenerator<string, Embedding<float>>? generator, TestCollection collection)
    {
        if (generator is null)
        {
            return;
        }

        var latencies = new List<double>();
        for (var pass = 0; pass < EvaluationRunner.TimedPasses; pass++)
        {
            foreach (var query in collection.Queries)
            {
                var watch = Stopwatch.StartNew();
                await generator.GenerateAsync([query.Text]);
                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Query embedding alone ({generator.GetService<SlmRag.Core.Collections.EmbeddingModelFingerprint>()?.Name}, {latencies.Count} calls): median {latencies[latencies.Count / 2]:0.000} ms, p99 {latencies[(int)Math.Ceiling(latencies.Count * 0.99) - 1]:0.000} ms"));
        Console.WriteLine();
    }

    public static void Print(EvaluationReport report)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.Collection}: {report.Documents} documents, {report.Chunks} chunks, ingested in {report.IngestSeconds:0.0} s ({report.DocumentsPerSecond:0} docs/s), {report.Systems[0].Queries} judged queries"));
        Console.WriteLine();
        Console.WriteLine("| system | MAP | nDCG@10 | Recall@100 | MRR@10 | median ms | p99 ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var s in report.Systems)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {s.System} | {s.Map:0.00000} | {s.Ndcg10:0.0000} | {s.Recall100:0.0000} | {s.Mrr10:0.0000} | {s.MedianMs:0.000} | {s.P99Ms:0.000} |"));
        }

        Console.WriteLine();
    }
}

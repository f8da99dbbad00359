using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Retrieval;
using SlmRag.Embeddings;
using SlmRag.Embeddings.MiniLM;
using SlmRag.Evaluation;
using SlmRag.Evaluation.Collections;
using SlmRag.Evaluation.Running;
using SlmRag.Ingestion;
using SlmRag.Storage.Embedded;

namespace SlmRag.Bench;

/// <summary>Retrieval quality and latency on the shared test collections, with SQLite FTS5 as the same-run baseline.</summary>
internal static class RetrievalBenchmark
{
    /// <param name="queryPrecision">When set, documents are embedded as configured and queries by MiniLM in this precision (bench-only experiment).</param>
    public static async Task<int> RunAsync(string shared, IReadOnlyDictionary<string, string?> settings, bool grid, bool fusionGrid, string? only = null, MiniLMPrecision? queryPrecision = null)
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
                var registrations = new ServiceCollection().AddLogging()
                    .AddEmbeddedStorage(configuration).AddEmbeddings(configuration).AddIngestion(configuration).AddRetrieval(configuration).AddEvaluation();
                QueryPrecisionSwitch? precisionSwitch = null;
                if (queryPrecision is { } precision)
                {
                    var miniLM = configuration.GetSection("Embeddings:MiniLM").Get<MiniLMOptions>() ?? new MiniLMOptions();
                    var queryOptions = configuration.GetSection("Embeddings:MiniLM").Get<MiniLMOptions>() ?? new MiniLMOptions();
                    queryOptions.Precision = precision;
                    precisionSwitch = new QueryPrecisionSwitch(MiniLMEmbeddingGenerator.Load(miniLM), MiniLMEmbeddingGenerator.Load(queryOptions));
                    registrations.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(precisionSwitch);
                    Console.WriteLine($"Documents embedded with MiniLM {miniLM.Precision}, queries with {precision}.");
                }

                await using var services = registrations.BuildServiceProvider();
                IReadOnlyList<(double, double)>? variants = grid
                    ? [.. from k1 in new[] { 0.9, 1.0, 1.2, 1.5 } from b in new[] { 0.4, 0.5, 0.6, 0.65, 0.75 } select (k1, b)]
                    : null;
                IReadOnlyList<(FusionMethod, double)>? fusions = fusionGrid
                    ? [.. from method in new[] { FusionMethod.ReciprocalRank, FusionMethod.WeightedScore } from weight in new[] { 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9 } select (method, weight)]
                    : null;
                var report = await services.GetRequiredService<EvaluationRunner>().RunAsync(collection, precisionSwitch, CancellationToken.None, variants, fusions,
                    (name, queries) => QueryPathProfile.RunAsync(services, name, queries));
                Print(report);
                PrintAgainstFts5(report);
                await QueryEmbeddingComparison.RunAsync(services.GetService<IEmbeddingGenerator<string, Embedding<float>>>(),
                    services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EmbeddingsOptions>>().Value.MiniLM, collection);
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                data.Delete(recursive: true);
            }
        }

        return 0;
    }

    /// <summary>The latency target: hybrid p50 against SQLite FTS5's, both from the evaluation passes of this run.</summary>
    private static void PrintAgainstFts5(EvaluationReport report)
    {
        var fts5 = report.Systems.FirstOrDefault(s => s.System.StartsWith("SQLite FTS5", StringComparison.Ordinal));
        var hybrid = report.Systems.FirstOrDefault(s => s.System == "SlmRag hybrid");
        if (fts5 is not null && hybrid is not null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Hybrid p50 {hybrid.MedianMs:0.000} ms vs SQLite FTS5 p50 {fts5.MedianMs:0.000} ms (top {EvaluationRunner.Depth}): {fts5.MedianMs / hybrid.MedianMs:0.0}x faster; chunks/s at ingestion {report.Chunks / report.IngestSeconds:0.0}"));
            Console.WriteLine();
        }
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

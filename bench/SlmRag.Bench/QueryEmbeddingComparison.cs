using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using SlmRag.Core.Collections;
using SlmRag.Embeddings.MiniLM;
using SlmRag.Evaluation.Collections;
using SlmRag.Evaluation.Running;

namespace SlmRag.Bench;

/// <summary>
/// Embedding one query alone, timed on the collection's queries; for MiniLM, Float32 and Int8 loaded side by side and
/// called in alternating order per query (so load on the shared machine falls on both alike), with their load times
/// (Int8 includes rewriting the model) and how close the two precisions' vectors of the same query are.
/// </summary>
internal static class QueryEmbeddingComparison
{
    public static async Task RunAsync(IEmbeddingGenerator<string, Embedding<float>>? configured, MiniLMOptions options, TestCollection collection)
    {
        if (configured is null)
        {
            return;
        }

        if (configured is not MiniLMEmbeddingGenerator)
        {
            var (p50, p99) = (await TimeAllAsync([configured], collection.Queries))[0];
            Console.WriteLine(Invariant($"Query embedding alone ({configured.GetService<EmbeddingModelFingerprint>()?.Name}): median {p50:0.000} ms, p99 {p99:0.000} ms"));
            Console.WriteLine();
            return;
        }

        var watch = Stopwatch.StartNew();
        using var float32 = MiniLMEmbeddingGenerator.Load(Clone(options, MiniLMPrecision.Float32));
        var float32Load = watch.Elapsed.TotalSeconds;
        watch.Restart();
        using var int8 = MiniLMEmbeddingGenerator.Load(Clone(options, MiniLMPrecision.Int8));
        var int8Load = watch.Elapsed.TotalSeconds;

        var times = await TimeAllAsync([float32, int8], collection.Queries);
        var ((f50, f99), (i50, i99)) = (times[0], times[1]);
        var cosines = new List<double>();
        foreach (var query in collection.Queries)
        {
            var a = (await float32.GenerateAsync([query.Text]))[0].Vector;
            var b = (await int8.GenerateAsync([query.Text]))[0].Vector;
            cosines.Add(TensorPrimitives.CosineSimilarity(a.Span, b.Span));
        }

        cosines.Sort();
        Console.WriteLine(Invariant($"Query embedding alone, MiniLM Float32 vs Int8 in the same run ({collection.Queries.Count} queries x {EvaluationRunner.TimedPasses} passes, alternating; configured: {options.Precision}; load average {LoadAverage()}):"));
        Console.WriteLine();
        Console.WriteLine("| precision | load s (Int8: incl. rewrite) | p50 ms | p99 ms | p50 / Float32 |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine(Invariant($"| Float32 | {float32Load:0.00} | {f50:0.000} | {f99:0.000} | 1.00x |"));
        Console.WriteLine(Invariant($"| Int8 ({int8.QuantizedMatMuls} MatMuls) | {int8Load:0.00} | {i50:0.000} | {i99:0.000} | {i50 / f50:0.00}x |"));
        Console.WriteLine();
        Console.WriteLine(Invariant($"Cosine Float32 vs Int8 vector of the same query: min {cosines[0]:0.0000}, p1 {cosines[(int)(cosines.Count * 0.01)]:0.0000}, median {cosines[cosines.Count / 2]:0.0000}"));
        Console.WriteLine();
    }

    /// <summary>Times every generator on every query, warm-up pass first; generators take turns per query, their order flipping each pass.</summary>
    private static async Task<(double, double)[]> TimeAllAsync(IReadOnlyList<IEmbeddingGenerator<string, Embedding<float>>> generators, IReadOnlyList<TestQuery> queries)
    {
        var latencies = generators.Select(_ => new List<double>()).ToArray();
        for (var pass = 0; pass <= EvaluationRunner.TimedPasses; pass++)
        {
            foreach (var query in queries)
            {
                for (var i = 0; i < generators.Count; i++)
                {
                    var g = pass % 2 == 0 ? i : generators.Count - 1 - i;
                    var watch = Stopwatch.StartNew();
                    await generators[g].GenerateAsync([query.Text]);
                    if (pass > 0)
                    {
                        latencies[g].Add(watch.Elapsed.TotalMilliseconds);
                    }
                }
            }
        }

        return [.. latencies.Select(l =>
        {
            l.Sort();
            return (l[l.Count / 2], l[Math.Clamp((int)Math.Ceiling(l.Count * 0.99) - 1, 0, l.Count - 1)]);
        })];
    }

    private static MiniLMOptions Clone(MiniLMOptions o, MiniLMPrecision precision) => new()
    {
        ModelPath = o.ModelPath,
        IntraOpThreads = o.IntraOpThreads,
        MaxTokens = o.MaxTokens,
        BatchSize = o.BatchSize,
        MaxBatchTokens = o.MaxBatchTokens,
        Precision = precision,
    };

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

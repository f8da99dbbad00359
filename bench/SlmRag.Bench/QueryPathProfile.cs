using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SlmRag.Core.Retrieval;
using SlmRag.Evaluation.Collections;
using SlmRag.Evaluation.Running;

namespace SlmRag.Bench;

/// <summary>
/// Where a hybrid query's time goes: embedding the query, BM25, the dense scan with the vector already made,
/// fusion of the two lists, their sum, and the whole hybrid query, each timed per query in the same passes (so load on the
/// shared machine falls on all of them alike). Every pass embeds anew: nothing is cached between passes.
/// </summary>
internal static class QueryPathProfile
{
    public static async Task RunAsync(IServiceProvider services, string collection, IReadOnlyList<TestQuery> queries)
    {
        var generator = services.GetService<IEmbeddingGenerator<string, Embedding<float>>>();
        if (generator is null)
        {
            return;
        }

        var index = services.GetRequiredService<ISearchIndex>();
        var retriever = services.GetRequiredService<HybridRetriever>();
        var options = services.GetRequiredService<IOptions<RetrievalOptions>>().Value;
        // The sum is what a query cost when the parts ran one after another (before BM25 ran beside the query embedding).
        var parts = new[] { "query embedding", "BM25", "dense scan (vector given)", "fusion", "sum of the four (parts one after another)", "hybrid, whole query (HybridRetriever)" };
        foreach (var limit in new[] { EvaluationRunner.Depth, options.DefaultLimit })
        {
            var candidates = Math.Max(limit, options.CandidateCount);
            var times = parts.Select(_ => new List<double>()).ToArray();
            for (var pass = 0; pass <= EvaluationRunner.TimedPasses; pass++)
            {
                foreach (var query in queries)
                {
                    var watch = Stopwatch.StartNew();
                    var embedding = await generator.GenerateAsync([query.Text]);
                    var embedMs = watch.Elapsed.TotalMilliseconds;
                    var vector = VectorMath.Normalize(embedding[0].Vector);

                    watch.Restart();
                    var lexical = await index.SearchLexicalAsync(collection, query.Text, SearchFilter.Everything, candidates, CancellationToken.None);
                    var lexicalMs = watch.Elapsed.TotalMilliseconds;

                    watch.Restart();
                    var dense = await index.SearchVectorAsync(collection, vector, SearchFilter.Everything, candidates, CancellationToken.None);
                    var denseMs = watch.Elapsed.TotalMilliseconds;

                    watch.Restart();
                    ResultFusion.Fuse(lexical, dense, options, limit);
                    var fusionMs = watch.Elapsed.TotalMilliseconds;

                    watch.Restart();
                    await retriever.RetrieveAsync(collection, query.Text, SearchFilter.Everything, limit, RetrievalMode.Hybrid, CancellationToken.None);
                    var hybridMs = watch.Elapsed.TotalMilliseconds;

                    // The first pass warms up and is not timed, as in the evaluation runner.
                    if (pass > 0)
                    {
                        double[] measured = [embedMs, lexicalMs, denseMs, fusionMs, embedMs + lexicalMs + denseMs + fusionMs, hybridMs];
                        for (var p = 0; p < parts.Length; p++)
                        {
                            times[p].Add(measured[p]);
                        }
                    }
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Parts of a hybrid query, top {limit} ({candidates} candidates a retriever), {queries.Count} queries x {EvaluationRunner.TimedPasses} passes; load average {LoadAverage()}:"));
            Console.WriteLine();
            Console.WriteLine("| part | p50 ms | p99 ms |");
            Console.WriteLine("|---|---:|---:|");
            for (var p = 0; p < parts.Length; p++)
            {
                times[p].Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {parts[p]} | {Percentile(times[p], 0.50):0.000} | {Percentile(times[p], 0.99):0.000} |"));
            }

            Console.WriteLine();
        }
    }

    private static double Percentile(List<double> sorted, double share) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(sorted.Count * share) - 1, 0, sorted.Count - 1)];

    /// <summary>The 1-minute load average (Linux), since latencies on a shared machine mean little without it.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}

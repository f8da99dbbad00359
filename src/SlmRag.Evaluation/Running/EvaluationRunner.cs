using System.Diagnostics;
using System.Text;
using SlmRag.Core.Collections;
using SlmRag.Core.Documents;
using SlmRag.Core.Jobs;
using SlmRag.Core.Retrieval;
using SlmRag.Core.Storage;
using SlmRag.Evaluation.Collections;
using SlmRag.Evaluation.Metrics;
using SlmRag.Ingestion.Uploads;
using SlmRag.Ingestion.Worker;

namespace SlmRag.Evaluation.Running;

/// <summary>
/// Ingests a test collection through the normal pipeline (each document a text file keyed by its id),
/// runs every judged query against BM25, dense, hybrid and the FTS5 baseline, and measures them.
/// Documents are ranked by their best chunk.
/// </summary>
public sealed class EvaluationRunner(
    ICatalogStore catalog,
    UploadStager stager,
    JobSubmitter submitter,
    InProcessJobRunner runner,
    HybridRetriever retriever,
    Microsoft.Extensions.Options.IOptions<Bm25Options> bm25,
    Microsoft.Extensions.Options.IOptions<RetrievalOptions> retrieval,
    TimeProvider time)
{
    public const int Depth = 1000;

    public const int TimedPasses = 5;

    /// <param name="bm25Grid">Extra BM25 settings to measure after the configured ones (tuning); the configured settings are restored afterwards.</param>
    /// <param name="fusionGrid">Extra fusion settings to measure in hybrid mode (tuning); restored afterwards.</param>
    /// <param name="whileIngested">Runs with the ingested collection's name and the judged queries before the collection is deleted (benchmarks time the parts of a query there).</param>
    public async Task<EvaluationReport> RunAsync(TestCollection collection, IProgress<string>? progress, CancellationToken cancellationToken,
        IReadOnlyList<(double K1, double B)>? bm25Grid = null, IReadOnlyList<(FusionMethod Method, double LexicalWeight)>? fusionGrid = null,
        Func<string, IReadOnlyList<TestQuery>, Task>? whileIngested = null)
    {
        var name = "eval-" + new string(collection.Name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        name = name.Length > 64 ? name[..64] : name;
        await catalog.DeleteCollectionAsync(name, cancellationToken);
        await catalog.CreateCollectionAsync(new Collection(name, $"Evaluation of {collection.Name}", false, null, time.GetUtcNow()), cancellationToken);

        var watch = Stopwatch.StartNew();
        var items = new List<NewJobItem>(collection.Documents.Count);
        foreach (var document in collection.Documents)
        {
            var text = document.Title.Length > 0 ? $"{document.Title}\n\n{document.Text}" : document.Text;
            // The collection's title field is the document's title, as an uploader states it (a file named by its id has none).
            var metadata = document.Title.Length > 0 ? DocumentMetadata.Empty with { Title = document.Title } : DocumentMetadata.Empty;
            await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
            items.Add(await stager.StageAsync(SafeFileName(document.Id), document.Id, stream, metadata, null, cancellationToken));
        }

        var job = await submitter.SubmitAsync(name, items, cancellationToken);
        var done = await runner.RunToCompletionAsync(job.Id, "eval", j =>
        {
            if (j.Progress.FilesDone % 1000 == 0 || j.State == JobState.Completed)
            {
                progress?.Report($"ingested {j.Progress.FilesDone}/{j.Progress.Files}");
            }
        }, cancellationToken);
        var ingestSeconds = watch.Elapsed.TotalSeconds;

        var keyOf = collection.Documents.ToDictionary(d => DocumentIds.ForKey(name, d.Id), d => d.Id, StringComparer.Ordinal);
        var chunkTexts = new List<(string, string)>();
        foreach (var (documentId, key) in keyOf)
        {
            foreach (var chunk in await catalog.GetChunksAsync(name, documentId, cancellationToken))
            {
                chunkTexts.Add((key, chunk.Text));
            }
        }

        var judged = collection.Queries.Where(q => collection.Judgements.TryGetValue(q.Id, out var j) && j.Values.Any(g => g > 0)).ToList();
        var embedded = (await catalog.GetCollectionAsync(name, cancellationToken))!.EmbeddingModel is not null;
        var systems = new List<SystemResult>();
        using (var fts = new Fts5Baseline(chunkTexts))
        {
            systems.Add(await MeasureAsync("SQLite FTS5 bm25()", judged, collection, q => Task.FromResult(fts.Search(q.Text, Depth))));
        }

        async Task<List<string>> SearchAsync(TestQuery query, RetrievalMode mode) =>
            (await retriever.RetrieveAsync(name, query.Text, SearchFilter.Everything, Depth, mode, cancellationToken))
                .Select(h => keyOf[h.DocumentId]).Distinct().ToList();

        // Builds the in-memory indexes before timing, as a running service has them already.
        await retriever.RetrieveAsync(name, "warm up", SearchFilter.Everything, 1, RetrievalMode.Lexical, cancellationToken);
        var modes = embedded ? new[] { RetrievalMode.Lexical, RetrievalMode.Dense, RetrievalMode.Hybrid } : [RetrievalMode.Lexical];
        foreach (var mode in modes)
        {
            progress?.Report($"querying: {mode}");
            var system = mode == RetrievalMode.Lexical ? "SlmRag BM25" : $"SlmRag {mode.ToString().ToLowerInvariant()}";
            systems.Add(await MeasureAsync(system, judged, collection, q => SearchAsync(q, mode)));
        }

        var configured = (bm25.Value.K1, bm25.Value.B);
        foreach (var (k1, b) in bm25Grid ?? [])
        {
            (bm25.Value.K1, bm25.Value.B) = (k1, b);
            systems.Add(await MeasureAsync(Invariant($"BM25 k1={k1} b={b}"), judged, collection, q => SearchAsync(q, RetrievalMode.Lexical)));
        }

        (bm25.Value.K1, bm25.Value.B) = configured;
        var fusion = (retrieval.Value.Fusion, retrieval.Value.LexicalWeight);
        foreach (var (method, weight) in embedded ? fusionGrid ?? [] : [])
        {
            (retrieval.Value.Fusion, retrieval.Value.LexicalWeight) = (method, weight);
            systems.Add(await MeasureAsync(Invariant($"hybrid {method} lexical={weight}"), judged, collection, q => SearchAsync(q, RetrievalMode.Hybrid)));
        }

        (retrieval.Value.Fusion, retrieval.Value.LexicalWeight) = fusion;
        if (whileIngested is not null)
        {
            await whileIngested(name, judged);
        }

        await catalog.DeleteCollectionAsync(name, cancellationToken);
        return new EvaluationReport(collection.Name, collection.Documents.Count, chunkTexts.Count, ingestSeconds, systems);
    }

    /// <summary>Quality from one pass; latency over <see cref="TimedPasses"/> passes after an untimed warm-up pass, as a running service answers.</summary>
    private static async Task<SystemResult> MeasureAsync(string system, IReadOnlyList<TestQuery> queries, TestCollection collection, Func<TestQuery, Task<List<string>>> search)
    {
        double map = 0, ndcg = 0, recall = 0, mrr = 0;
        var rankings = new List<List<string>>(queries.Count);
        foreach (var query in queries)
        {
            rankings.Add(await search(query));
        }

        var latencies = new List<double>(queries.Count * TimedPasses);
        for (var pass = 0; pass < TimedPasses; pass++)
        {
            foreach (var query in queries)
            {
                var watch = Stopwatch.StartNew();
                await search(query);
                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        for (var q = 0; q < queries.Count; q++)
        {
            var query = queries[q];
            var ranking = rankings[q];
            var judged = collection.Judgements[query.Id];
            map += RankingMetrics.AveragePrecision(ranking, judged);
            ndcg += RankingMetrics.Ndcg(ranking, judged, 10);
            recall += RankingMetrics.Recall(ranking, judged, 100);
            mrr += RankingMetrics.ReciprocalRank(ranking, judged, 10);
        }

        var n = Math.Max(1, queries.Count);
        latencies.Sort();
        return new SystemResult(system, queries.Count, map / n, ndcg / n, recall / n, mrr / n,
            latencies.Count == 0 ? 0 : latencies[latencies.Count / 2], latencies.Count == 0 ? 0 : latencies[(int)Math.Min(latencies.Count - 1, Math.Ceiling(latencies.Count * 0.99) - 1)]);
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private static string SafeFileName(string id)
    {
        var safe = new string(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
        return (safe.Length > 200 ? safe[..200] : safe) + ".txt";
    }
}

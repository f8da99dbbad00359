using System.Diagnostics;
using System.Globalization;
using SlmRag.Core.Retrieval;
using SlmRag.Storage.Embedded.Search;
using SlmRag.Storage.Embedded.Search.Approximate;

namespace SlmRag.Bench;

/// <summary>
/// The embedded store's HNSW graph against its exact scan on the same snapshot, in the same run: recall@10
/// of the graph (ground truth: the exact scan), query p50/p99 of both, build time, memory per vector; a
/// filtered query (a tag on 10% of chunks) and a very selective one (0.1%); and an int8-quantised exact
/// scan for memory. Vectors go in as documents of 1,000 chunks, one published version each, like ingestion.
/// </summary>
internal static class AnnBenchmark
{
    private const int Dimensions = 384;
    private const int Limit = 10;

    public static int Run(string data, int count, int queries, int[] efs, TimeSpan maxBuild, string shared, double[] binaryShares)
    {
        Func<float[]> next;
        Func<float[][]> drawQueries;
        if (data == "minilm")
        {
            // Real embeddings, cached under bench/output so a rerun does not embed again; queries: the collections' own questions.
            var cache = Path.Combine(Directory.GetCurrentDirectory(), "bench", "output", "ann-minilm-vectors.bin");
            var (vectors, questions) = MiniLMVectorSet.Load(shared, cache, maxBuild);
            count = Math.Min(count, vectors.Length);
            var position = 0;
            next = () => vectors[position++];
            drawQueries = () => questions;
        }
        else
        {
            var generator = new SyntheticVectors(data, Dimensions, clusters: Math.Max(100, count / 500), seed: 11);
            next = generator.Next;
            drawQueries = () => Enumerable.Range(0, queries).Select(_ => generator.Next()).ToArray();
        }

        // --ef 0: no graph (the exact scan and the compressed scans only), for sizes whose graph would take hours to build.
        var graph = efs[0] > 0;
        var settings = graph ? new VectorSearchSettings(0, efs[0]) : VectorSearchSettings.ExactOnly;
        Console.WriteLine(graph
            ? $"HNSW (M={settings.M}, efConstruction={settings.EfConstruction}) vs exact scan: {count:N0} {data} unit vectors, {Dimensions} dimensions, top {Limit}."
            : $"No graph (--ef 0): exact and compressed scans of {count:N0} {data} unit vectors, {Dimensions} dimensions, top {Limit}.");
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var index = new CollectionIndex(settings);
        var int8 = new Int8VectorScan(count, Dimensions);
        var binary = binaryShares.Length > 0 ? new BinaryVectorScan(count, Dimensions, int8) : null;
        using var peak = new PeakMemorySampler();
        var build = Stopwatch.StartNew();
        var reported = TimeSpan.Zero;
        IndexSnapshot? snapshot = null;
        var built = 0;
        const int PerDocument = 1000;
        for (var start = 0; start < count && build.Elapsed < maxBuild; start += PerDocument)
        {
            var chunks = new List<IndexedChunk>(PerDocument);
            for (var i = start; i < Math.Min(count, start + PerDocument); i++)
            {
                var vector = next();
                int8.Set(i, vector);
                binary?.Add(vector);
                // Every 10th chunk has tag t10, every 1000th also t1000: the filtered queries' targets.
                string[] tags = i % 1000 == 0 ? ["t10", "t1000"] : i % 10 == 0 ? ["t10"] : [];
                chunks.Add(new IndexedChunk($"c{i}", $"d{start}", [], [], vector, tags, []));
            }

            index.ReplaceDocument($"d{start}", chunks);
            snapshot = index.Publish(start);
            built = start + chunks.Count;
            if (build.Elapsed - reported > TimeSpan.FromSeconds(30))
            {
                reported = build.Elapsed;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  built {built:N0} in {build.Elapsed.TotalSeconds:0} s ({built / build.Elapsed.TotalSeconds:0} vectors/s)"));
            }
        }

        var buildSeconds = build.Elapsed.TotalSeconds;
        var peakBytes = peak.PeakBytes;
        var sealClock = Stopwatch.StartNew();
        binary?.Seal();
        var sealSeconds = sealClock.Elapsed.TotalSeconds;
        var after = GC.GetTotalMemory(forceFullCollection: true) - int8.Bytes - (binary is null ? 0 : (long)BinaryVectorScan.BitsBytesPerVector * count);
        if (built < count)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Build stopped at the time bound ({maxBuild.TotalMinutes:0} min): {built:N0} of {count:N0} vectors."));
        }

        // The ef a search of this collection gets with the default options (Storage:ApproximateSearchEf, grown above Storage:ApproximateSearchEfScaleAbove).
        var defaults = new SlmRag.Storage.Embedded.EmbeddedStorageOptions();
        var defaultEf = new VectorSearchSettings(0, defaults.ApproximateSearchEf, EfScaleAbove: defaults.ApproximateSearchEfScaleAbove).EfFor(built);
        var queryVectors = drawQueries();
        Console.WriteLine($"{queryVectors.Length} queries.");
        if (binary is not null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Sign bits packed in {sealSeconds:0.0} s (after the build; int8 codes written during it)."));
        }
        Console.WriteLine();
        Console.WriteLine("| vectors | build s | vectors/s | managed bytes/vector (float32 vector: 1,536) | peak working set GB |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {built:N0} | {buildSeconds:0.0} | {built / buildSeconds:0} | {(after - before) / (double)built:0} | {peakBytes / 1e9:0.00} |"));
        Console.WriteLine();
        Console.WriteLine("| search | filter | recall@10 | p50 ms | p99 ms | p50 speed-up vs exact |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        foreach (var (name, filter) in new[] { ("none", SearchFilter.Everything), ("tag on 10%", new SearchFilter(["t10"], [])), ("tag on 0.1%", new SearchFilter(["t1000"], [])) })
        {
            var exact = Measure(queryVectors, q => snapshot!.SearchExact(q, filter, Limit).ConvertAll(h => h.ChunkId));
            Row("exact float32", name, 1, exact.P50, exact.P99, exact.P50);
            foreach (var ef in !graph ? [] : name == "none" ? efs.Append(defaultEf).Distinct() : efs[..1])
            {
                var approximate = Measure(queryVectors, q => snapshot!.SearchApproximate(q, filter, Limit, ef).ConvertAll(h => h.ChunkId));
                Row($"HNSW ef={ef}{(ef == defaultEf ? " (the default at this size)" : string.Empty)}", name, Recall(exact.Results, approximate.Results), approximate.P50, approximate.P99, exact.P50);
            }

            if (name == "none")
            {
                var quantised = Measure(queryVectors, q => int8.Search(q, Limit).ConvertAll(h => $"c{h.Slot}"));
                Row($"exact int8 ({int8.Bytes / (double)count:0} bytes/vector)", name, Recall(exact.Results, quantised.Results), quantised.P50, quantised.P99, exact.P50);
                foreach (var share in binaryShares)
                {
                    var compressed = Measure(queryVectors, q => binary!.Search(q, Limit, share).ConvertAll(slot => $"c{slot}"));
                    Row(string.Create(CultureInfo.InvariantCulture, $"sign bits -> {share:0.#%} int8 -> 100 float ({BinaryVectorScan.BitsBytesPerVector} + {int8.Bytes / (double)count:0} bytes/vector + float)"), name,
                        Recall(exact.Results, compressed.Results), compressed.P50, compressed.P99, exact.P50);
                }
            }
        }

        return 0;
    }

    private static void Row(string search, string filter, double recall, double p50, double p99, double exactP50) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {search} | {filter} | {recall:0.000} | {p50:0.00} | {p99:0.00} | {exactP50 / p50:0.0}x |"));

    private static double Recall(List<List<string>> truth, List<List<string>> found) =>
        truth.Zip(found, (t, f) => t.Count == 0 ? 1 : (double)f.Intersect(t).Count() / t.Count).Average();

    private static (List<List<string>> Results, double P50, double P99) Measure(float[][] queries, Func<float[], List<string>> search)
    {
        search(queries[0]); // warm-up
        var results = new List<List<string>>(queries.Length);
        var times = new List<double>(queries.Length);
        foreach (var query in queries)
        {
            var watch = Stopwatch.StartNew();
            results.Add(search(query));
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return (results, times[times.Count / 2], times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.99) - 1)]);
    }
}

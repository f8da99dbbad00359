using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using SlmRag.Core.Retrieval;
using SlmRag.Storage.Embedded.Search;

namespace SlmRag.Bench;

/// <summary>
/// Exact vector search throughput in GB/s of vectors scanned, against the same process summing the
/// same float32 matrix once (a plain sequential read, the memory-bandwidth ceiling for this loop).
/// </summary>
internal static class VectorScanBenchmark
{
    private const int Dimensions = 384;

    public static int Run(int runs)
    {
        Console.WriteLine($"Exact vector scan, {Dimensions} dimensions float32, top 10, median of {runs} queries; baseline: TensorPrimitives.Sum over the same matrix.");
        Console.WriteLine();
        Console.WriteLine("| vectors | matrix | sequential read GB/s | SlmRag scan GB/s | scan / read | scan ms |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var count in new[] { 100_000, 1_000_000 })
        {
            var random = new Random(7);
            var index = new CollectionIndex(Storage.Embedded.Search.Approximate.VectorSearchSettings.ExactOnly);
            var matrix = new float[(long)count * Dimensions];
            const int PerDocument = 1000;
            for (var start = 0; start < count; start += PerDocument)
            {
                var chunks = new List<IndexedChunk>(PerDocument);
                for (var i = start; i < Math.Min(count, start + PerDocument); i++)
                {
                    var vector = new float[Dimensions];
                    for (var d = 0; d < Dimensions; d++)
                    {
                        vector[d] = (float)(random.NextDouble() - 0.5);
                    }

                    var unit = VectorMath.Normalize(vector);
                    unit.CopyTo(matrix, (long)i * Dimensions);
                    chunks.Add(new IndexedChunk($"c{i}", $"d{start}", [], [], unit, [], []));
                }

                index.ReplaceDocument($"d{start}", chunks);
            }

            var query = VectorMath.Normalize(Enumerable.Range(0, Dimensions).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray());
            var bytes = (double)count * Dimensions * sizeof(float);
            var read = Median(runs, () => _ = TensorPrimitives.Sum(matrix.AsSpan()));
            var snapshot = index.Publish(0);
            var scan = Median(runs, () => _ = snapshot.SearchVector(query, SearchFilter.Public, 10));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {count:N0} | {bytes / 1e9:0.00} GB | {bytes / read / 1e9:0.0} | {bytes / scan / 1e9:0.0} | {read / scan:0.00} | {scan * 1000:0.0} |"));
            GC.Collect();
        }

        return 0;
    }

    private static double Median(int runs, Action action)
    {
        action();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed.TotalSeconds);
        }

        return times.Order().ElementAt(runs / 2);
    }
}

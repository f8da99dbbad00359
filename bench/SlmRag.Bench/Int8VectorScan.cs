using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SlmRag.Bench;

/// <summary>
/// Exact scan over int8-quantised vectors (one scale per vector: its largest component maps to 127), a
/// quarter of float32's memory. Scores are integer dot products rescaled; used to see how much recall the
/// quantisation costs and how fast the scan is. Benchmark only, not in the product (yet).
/// </summary>
internal sealed class Int8VectorScan
{
    private readonly sbyte[] _codes;
    private readonly float[] _scales;
    private readonly int _dimensions;

    public Int8VectorScan(int count, int dimensions)
    {
        _dimensions = dimensions;
        _codes = new sbyte[(long)count * dimensions];
        _scales = new float[count];
    }

    public long Bytes => _codes.LongLength + (_scales.LongLength * sizeof(float));

    public void Set(int slot, ReadOnlySpan<float> vector) => _scales[slot] = Quantise(vector, _codes.AsSpan(slot * _dimensions, _dimensions));

    /// <summary>The <paramref name="limit"/> best slots by int8 score, best first: of every slot, or of <paramref name="slots"/> only.</summary>
    public List<(int Slot, double Score)> Search(ReadOnlySpan<float> query, int limit, IReadOnlyList<int>? slots = null)
    {
        Span<sbyte> q = stackalloc sbyte[_dimensions];
        var queryScale = Quantise(query, q);
        var top = new PriorityQueue<int, float>(limit + 1);
        var count = slots?.Count ?? _scales.Length;
        for (var i = 0; i < count; i++)
        {
            var slot = slots is null ? i : slots[i];
            var score = Dot(q, _codes.AsSpan(slot * _dimensions, _dimensions)) * _scales[slot] * queryScale;
            if (top.Count < limit)
            {
                top.Enqueue(slot, score);
            }
            else if (top.TryPeek(out _, out var lowest) && score > lowest)
            {
                top.DequeueEnqueue(slot, score);
            }
        }

        var result = new List<(int, double)>(top.Count);
        while (top.TryDequeue(out var slot, out var score))
        {
            result.Add((slot, score));
        }

        result.Reverse();
        return result;
    }

    private static float Quantise(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        var max = 1e-12f;
        foreach (var x in vector)
        {
            max = Math.Max(max, Math.Abs(x));
        }

        for (var i = 0; i < vector.Length; i++)
        {
            codes[i] = (sbyte)Math.Round(vector[i] * 127 / max);
        }

        return max / 127;
    }

    private static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        var i = 0;
        var sum = 0;
        if (Avx2.IsSupported)
        {
            var accumulator = Vector256<int>.Zero;
            for (; i + 32 <= a.Length; i += 32)
            {
                var (aLow, aHigh) = Vector256.Widen(Vector256.Create(a.Slice(i, 32)));
                var (bLow, bHigh) = Vector256.Widen(Vector256.Create(b.Slice(i, 32)));
                // vpmaddwd: 16-bit products summed pairwise into 32 bits, so nothing overflows.
                accumulator = Avx2.Add(accumulator, Avx2.Add(Avx2.MultiplyAddAdjacent(aLow, bLow), Avx2.MultiplyAddAdjacent(aHigh, bHigh)));
            }

            sum = Vector256.Sum(accumulator);
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}

using System.Numerics;
using SlmRag.Core.Retrieval;

namespace SlmRag.Bench;

/// <summary>
/// A three-stage scan that reads every vector only as 384 sign bits: the Hamming distance of the centred vectors'
/// signs shortlists a share of the collection, their int8 codes re-rank the shortlist, and the float vectors order
/// the best hundred exactly. Unlike a graph it needs no structure in the data, so it shows what a compressed scan
/// gives where the graph cannot (isotropic random vectors). Benchmark only, not in the product.
/// </summary>
internal sealed class BinaryVectorScan
{
    private const int Words = 6;
    private const int Exact = 100;
    private readonly int _dimensions;
    private readonly ulong[] _bits;
    private readonly Int8VectorScan _codes;
    private readonly float[][] _vectors;
    private readonly double[] _sum;
    private float[] _mean = [];
    private int _count;

    /// <param name="codes">The int8 codes of the same slots (the benchmark's own int8 scan), used for the second stage.</param>
    public BinaryVectorScan(int capacity, int dimensions, Int8VectorScan codes)
    {
        if (dimensions != Words * 64)
        {
            throw new ArgumentException($"The binary scan packs {Words * 64} dimensions.", nameof(dimensions));
        }

        _dimensions = dimensions;
        _bits = new ulong[(long)capacity * Words];
        _codes = codes;
        _vectors = new float[capacity][];
        _sum = new double[dimensions];
    }

    /// <summary>Bytes per vector of the sign bits; the int8 codes (shared) and the float vectors come on top.</summary>
    public static int BitsBytesPerVector => Words * sizeof(ulong);

    /// <summary>Adds the vector of the next slot (its int8 code is set by the caller); the array is kept, not copied.</summary>
    public void Add(float[] vector)
    {
        var slot = _count++;
        _vectors[slot] = vector;
        for (var d = 0; d < _dimensions; d++)
        {
            _sum[d] += vector[d];
        }
    }

    /// <summary>Centres on the mean of everything added (sentence embeddings share a direction that would fill every sign) and packs the signs.</summary>
    public void Seal()
    {
        _mean = _sum.Select(s => (float)(s / Math.Max(1, _count))).ToArray();
        Parallel.For(0, _count, slot => Pack(_vectors[slot], _bits.AsSpan(slot * Words, Words)));
    }

    public List<int> Search(float[] query, int limit, double shortlistShare)
    {
        Span<ulong> asked = stackalloc ulong[Words];
        Pack(query, asked);
        var distances = new ushort[_count];
        var histogram = new int[(Words * 64) + 1];
        var q = asked.ToArray();
        Parallel.For(0, 2, half =>
        {
            var local = new int[histogram.Length];
            var (from, to) = half == 0 ? (0, _count / 2) : (_count / 2, _count);
            for (var slot = from; slot < to; slot++)
            {
                var row = _bits.AsSpan(slot * Words, Words);
                var distance = 0;
                for (var w = 0; w < Words; w++)
                {
                    distance += BitOperations.PopCount(row[w] ^ q[w]);
                }

                distances[slot] = (ushort)distance;
                local[distance]++;
            }

            lock (histogram)
            {
                for (var i = 0; i < local.Length; i++)
                {
                    histogram[i] += local[i];
                }
            }
        });

        var wanted = Math.Max(Exact, (int)(_count * shortlistShare));
        var cut = 0;
        for (var seen = 0; cut < histogram.Length && seen < wanted; cut++)
        {
            seen += histogram[cut];
        }

        var shortlist = new List<int>(wanted + 1024);
        for (var slot = 0; slot < _count; slot++)
        {
            if (distances[slot] < cut)
            {
                shortlist.Add(slot);
            }
        }

        var best = _codes.Search(query, Exact, shortlist);
        return best.Select(b => (b.Slot, Score: VectorMath.Dot(query, _vectors[b.Slot])))
            .OrderByDescending(x => x.Score).Take(limit).Select(x => x.Slot).ToList();
    }

    private void Pack(ReadOnlySpan<float> vector, Span<ulong> bits)
    {
        bits.Clear();
        for (var d = 0; d < _dimensions; d++)
        {
            if (vector[d] > _mean[d])
            {
                bits[d >> 6] |= 1UL << (d & 63);
            }
        }
    }
}

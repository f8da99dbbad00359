using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SlmRag.Embeddings.Static;

/// <summary>
/// Word vectors in frequency-rank order (rank 0 is the most frequent word), stored as float16, plus
/// the common direction that SIF removes. Read from and written to the compact ".slmvec" format:
/// "SLMVEC01", int32 dimensions, int32 count, float32[dimensions] common component, count × (uint16
/// length + UTF-8 word), count × dimensions float16, all little-endian. Immutable and thread-safe.
/// </summary>
public sealed class WordVectorTable
{
    private static readonly byte[] Magic = "SLMVEC01"u8.ToArray();
    private readonly Dictionary<string, int> _ranks;
    private readonly Half[] _vectors;

    public WordVectorTable(IReadOnlyList<string> words, Half[] vectors, int dimensions, float[] commonComponent, string fingerprint)
    {
        if (vectors.Length != words.Count * dimensions || commonComponent.Length != dimensions)
        {
            throw new ArgumentException("Vector data does not match the word count and dimensions.");
        }

        Words = words;
        _vectors = vectors;
        Dimensions = dimensions;
        CommonComponent = commonComponent;
        Fingerprint = fingerprint;
        _ranks = new Dictionary<string, int>(words.Count, StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
        {
            _ranks.TryAdd(words[i], i);
        }
    }

    public IReadOnlyList<string> Words { get; }

    public int Dimensions { get; }

    public int Count => Words.Count;

    public float[] CommonComponent { get; }

    /// <summary>The first 16 hex digits of the file's SHA-256.</summary>
    public string Fingerprint { get; }

    public bool TryGetRank(string word, out int rank) => _ranks.TryGetValue(word, out rank);

    public ReadOnlySpan<Half> Vector(int rank) => _vectors.AsSpan(rank * Dimensions, Dimensions);

    public static WordVectorTable Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 16 || !bytes.AsSpan(0, 8).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path} is not a word-vector file (.slmvec).");
        }

        var dimensions = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        var offset = 16;
        var common = new float[dimensions];
        for (var i = 0; i < dimensions; i++, offset += 4)
        {
            common[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(offset));
        }

        var words = new string[count];
        for (var i = 0; i < count; i++)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset));
            words[i] = Encoding.UTF8.GetString(bytes, offset + 2, length);
            offset += 2 + length;
        }

        var vectors = new Half[count * dimensions];
        if (bytes.Length - offset != vectors.Length * 2)
        {
            throw new InvalidDataException($"{path} is truncated or corrupt: {bytes.Length - offset} bytes of vectors, expected {vectors.Length * 2}.");
        }

        for (var i = 0; i < vectors.Length; i++, offset += 2)
        {
            vectors[i] = BinaryPrimitives.ReadHalfLittleEndian(bytes.AsSpan(offset));
        }

        return new WordVectorTable(words, vectors, dimensions, common, Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]);
    }

    public void Save(string path)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Dimensions);
            writer.Write(Count);
            foreach (var x in CommonComponent)
            {
                writer.Write(x);
            }

            foreach (var word in Words)
            {
                var utf8 = Encoding.UTF8.GetBytes(word);
                writer.Write((ushort)utf8.Length);
                writer.Write(utf8);
            }

            foreach (var x in _vectors)
            {
                writer.Write(x);
            }
        }

        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, stream.ToArray());
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The first principal direction of frequency-weighted word vectors, by power iteration: what SIF subtracts.</summary>
    public static float[] CommonDirection(Half[] vectors, int dimensions, int count, int topWords = 50_000)
    {
        var n = Math.Min(count, topWords);
        var direction = Enumerable.Repeat(1f / MathF.Sqrt(dimensions), dimensions).ToArray();
        var next = new double[dimensions];
        var row = new float[dimensions];
        for (var iteration = 0; iteration < 30; iteration++)
        {
            Array.Clear(next);
            for (var r = 0; r < n; r++)
            {
                var weight = 1.0 / (r + 1); // Zipf: frequency falls with rank
                for (var d = 0; d < dimensions; d++)
                {
                    row[d] = (float)vectors[(r * dimensions) + d];
                }

                var projection = weight * System.Numerics.Tensors.TensorPrimitives.Dot(row, direction);
                for (var d = 0; d < dimensions; d++)
                {
                    next[d] += projection * row[d];
                }
            }

            var norm = Math.Sqrt(next.Sum(x => x * x));
            for (var d = 0; d < dimensions; d++)
            {
                direction[d] = (float)(next[d] / norm);
            }
        }

        return direction;
    }
}

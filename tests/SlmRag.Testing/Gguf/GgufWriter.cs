using System.Text;

namespace SlmRag.Testing.Gguf;

/// <summary>
/// Writes GGUF v3 files (header, key-values, tensor infos, 32-byte aligned data) so tests can build
/// tiny models with random weights: no pretrained weights can be downloaded here.
/// </summary>
public sealed class GgufWriter
{
    private const int Alignment = 32;
    private readonly List<(string Key, Action<BinaryWriter> Write)> _values = [];
    private readonly List<GgufTensor> _tensors = [];

    public GgufWriter Add(string key, string value) => AddValue(key, w => { w.Write(8u); WriteString(w, value); });

    public GgufWriter Add(string key, uint value) => AddValue(key, w => { w.Write(4u); w.Write(value); });

    public GgufWriter Add(string key, int value) => AddValue(key, w => { w.Write(5u); w.Write(value); });

    public GgufWriter Add(string key, float value) => AddValue(key, w => { w.Write(6u); w.Write(value); });

    public GgufWriter Add(string key, bool value) => AddValue(key, w => { w.Write(7u); w.Write(value ? (byte)1 : (byte)0); });

    public GgufWriter Add(string key, IReadOnlyList<string> values) => AddValue(key, w =>
    {
        w.Write(9u);
        w.Write(8u);
        w.Write((ulong)values.Count);
        foreach (var value in values)
        {
            WriteString(w, value);
        }
    });

    public GgufWriter Add(string key, IReadOnlyList<float> values) => AddValue(key, w =>
    {
        w.Write(9u);
        w.Write(6u);
        w.Write((ulong)values.Count);
        foreach (var value in values)
        {
            w.Write(value);
        }
    });

    public GgufWriter Add(string key, IReadOnlyList<int> values) => AddValue(key, w =>
    {
        w.Write(9u);
        w.Write(5u);
        w.Write((ulong)values.Count);
        foreach (var value in values)
        {
            w.Write(value);
        }
    });

    /// <summary>A tensor whose values come from <paramref name="values"/>(index); dims are ggml's ne (fastest first).</summary>
    public GgufWriter AddTensor(string name, long[] dims, GgufTensorType type, Func<long, float> values)
    {
        _tensors.Add(new GgufTensor(name, dims, type, values));
        return this;
    }

    public void Save(string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write("GGUF"u8);
        writer.Write(3u);
        writer.Write((ulong)_tensors.Count);
        writer.Write((ulong)_values.Count);
        foreach (var (key, write) in _values)
        {
            WriteString(writer, key);
            write(writer);
        }

        ulong offset = 0;
        foreach (var tensor in _tensors)
        {
            WriteString(writer, tensor.Name);
            writer.Write((uint)tensor.Dims.Length);
            foreach (var dim in tensor.Dims)
            {
                writer.Write((ulong)dim);
            }

            writer.Write((uint)tensor.Type);
            writer.Write(offset);
            offset = Align(offset + (ulong)tensor.ByteCount);
        }

        Pad(writer);
        foreach (var tensor in _tensors)
        {
            tensor.WriteData(writer);
            Pad(writer);
        }
    }

    private GgufWriter AddValue(string key, Action<BinaryWriter> write)
    {
        _values.Add((key, write));
        return this;
    }

    private static void WriteString(BinaryWriter writer, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        writer.Write((ulong)bytes.Length);
        writer.Write(bytes);
    }

    private static ulong Align(ulong value) => (value + Alignment - 1) / Alignment * Alignment;

    private static void Pad(BinaryWriter writer)
    {
        var position = (ulong)writer.BaseStream.Position;
        for (var i = position; i < Align(position); i++)
        {
            writer.Write((byte)0);
        }
    }
}

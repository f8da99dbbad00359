using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace SlmRag.Embeddings.MiniLM.Onnx;

/// <summary>
/// ONNX <c>TensorProto</c>, reduced to what the int8 rewrite reads or writes: dims (1), data_type (2), name (8) and
/// raw_data (9). Every other field (float_data among them, read by <see cref="ReadFloats"/>) passes through unchanged.
/// </summary>
internal sealed class OnnxTensor
{
    public const int Float = 1;
    public const int Int8 = 3;

    private const int DimsField = 1, DataTypeField = 2, FloatDataField = 4, NameField = 8, RawDataField = 9;

    private readonly List<ProtoField> _passedThrough;
    private readonly bool _dimsPacked;

    public OnnxTensor(string name, long[] dims, int dataType, ReadOnlyMemory<byte> rawData)
        : this(name, dims, dataType, rawData, [], dimsPacked: false)
    {
    }

    private OnnxTensor(string? name, long[] dims, int? dataType, ReadOnlyMemory<byte>? rawData, List<ProtoField> passedThrough, bool dimsPacked)
    {
        Name = name;
        Dims = dims;
        DataType = dataType;
        RawData = rawData;
        _passedThrough = passedThrough;
        _dimsPacked = dimsPacked;
    }

    public string? Name { get; }

    public long[] Dims { get; }

    public int? DataType { get; }

    public ReadOnlyMemory<byte>? RawData { get; }

    public static OnnxTensor Read(ReadOnlyMemory<byte> bytes)
    {
        string? name = null;
        int? dataType = null;
        ReadOnlyMemory<byte>? raw = null;
        var dims = new List<long>();
        var packed = false;
        var rest = new List<ProtoField>();
        foreach (var field in ProtoMessage.Parse(bytes).Fields)
        {
            switch (field.Number)
            {
                case DimsField when field.WireType == ProtoWireType.LengthDelimited:
                    packed = true;
                    var position = 0;
                    while (position < field.Value.Length)
                    {
                        dims.Add((long)ProtoWire.ReadVarint(field.Value.Span, ref position));
                    }

                    break;
                case DimsField:
                    dims.Add((long)field.AsVarint());
                    break;
                case DataTypeField:
                    dataType = (int)field.AsVarint();
                    break;
                case NameField:
                    name = field.AsString();
                    break;
                case RawDataField:
                    raw = field.Value;
                    break;
                default:
                    rest.Add(field);
                    break;
            }
        }

        return new OnnxTensor(name, [.. dims], dataType, raw, rest, packed);
    }

    public long ElementCount => Dims.Aggregate(1L, (a, d) => a * d);

    /// <summary>The values of a float tensor, from raw_data (little-endian) or from float_data, packed or not.</summary>
    public float[] ReadFloats()
    {
        if (DataType != Float)
        {
            throw new InvalidDataException($"Tensor '{Name}' is not float (data type {DataType}).");
        }

        float[] values;
        if (RawData is { } raw)
        {
            values = new float[raw.Length / sizeof(float)];
            raw.Span[..(values.Length * sizeof(float))].CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
            if (!BitConverter.IsLittleEndian)
            {
                throw new PlatformNotSupportedException("ONNX raw_data is little-endian; this reader runs on little-endian machines only.");
            }
        }
        else
        {
            var list = new List<float>();
            foreach (var field in _passedThrough.Where(f => f.Number == FloatDataField))
            {
                if (field.WireType == ProtoWireType.Fixed32)
                {
                    list.Add(field.AsFixed32Float());
                }
                else
                {
                    for (var i = 0; i + 4 <= field.Value.Length; i += 4)
                    {
                        list.Add(BinaryPrimitives.ReadSingleLittleEndian(field.Value.Span[i..]));
                    }
                }
            }

            values = [.. list];
        }

        return values.LongLength == ElementCount ? values
            : throw new InvalidDataException($"Tensor '{Name}' holds {values.Length} values for dims [{string.Join(", ", Dims)}].");
    }

    public ProtoMessage ToMessage()
    {
        var known = new List<ProtoField>();
        if (_dimsPacked)
        {
            var bytes = new byte[Dims.Sum(d => ProtoWire.VarintLength((ulong)d))];
            var position = 0;
            foreach (var d in Dims)
            {
                position += ProtoWire.WriteVarint(bytes.AsSpan(position), (ulong)d);
            }

            known.Add(ProtoField.Bytes(DimsField, bytes));
        }
        else
        {
            known.AddRange(Dims.Select(d => ProtoField.Varint(DimsField, (ulong)d)));
        }

        if (DataType is { } type)
        {
            known.Add(ProtoField.Varint(DataTypeField, (ulong)type));
        }

        if (Name is not null)
        {
            known.Add(ProtoField.String(NameField, Name));
        }

        if (RawData is { } raw)
        {
            known.Add(ProtoField.Bytes(RawDataField, raw));
        }

        return ProtoMessage.Ordered(known, _passedThrough);
    }
}

using System.Buffers.Binary;
using System.Text;

namespace SlmRag.Embeddings.MiniLM.Onnx;

/// <summary>
/// One protobuf field as it was on the wire: its number, its wire type and its value bytes (the varint's own bytes,
/// the 4 or 8 fixed bytes, or the content of a length-delimited field without its length). Keeping the value
/// bytes as they were is what lets fields nobody interprets pass through unchanged.
/// </summary>
internal readonly record struct ProtoField(int Number, ProtoWireType WireType, ReadOnlyMemory<byte> Value)
{
    public static ProtoField Varint(int number, ulong value)
    {
        var bytes = new byte[ProtoWire.VarintLength(value)];
        ProtoWire.WriteVarint(bytes, value);
        return new ProtoField(number, ProtoWireType.Varint, bytes);
    }

    public static ProtoField Bytes(int number, ReadOnlyMemory<byte> value) => new(number, ProtoWireType.LengthDelimited, value);

    public static ProtoField String(int number, string value) => Bytes(number, Encoding.UTF8.GetBytes(value));

    public ulong AsVarint()
    {
        Expect(ProtoWireType.Varint);
        var position = 0;
        return ProtoWire.ReadVarint(Value.Span, ref position);
    }

    public string AsString()
    {
        Expect(ProtoWireType.LengthDelimited);
        return Encoding.UTF8.GetString(Value.Span);
    }

    public float AsFixed32Float()
    {
        Expect(ProtoWireType.Fixed32);
        return BinaryPrimitives.ReadSingleLittleEndian(Value.Span);
    }

    /// <summary>Bytes this field takes on the wire: tag, length prefix if any, value.</summary>
    public long EncodedLength =>
        ProtoWire.VarintLength(Tag) + (WireType == ProtoWireType.LengthDelimited ? ProtoWire.VarintLength((ulong)Value.Length) : 0) + Value.Length;

    public ulong Tag => ((ulong)(uint)Number << 3) | (uint)WireType;

    private void Expect(ProtoWireType type)
    {
        if (WireType != type)
        {
            throw new InvalidDataException($"Protobuf field {Number} has wire type {WireType}, expected {type}.");
        }
    }
}

namespace SlmRag.Embeddings.MiniLM.Onnx;

/// <summary>
/// A protobuf message as the ordered list of its fields, values undecoded. Parsing slices the input (no copies),
/// and writing emits the fields in list order, so a message read and written unchanged comes out byte for byte
/// as it came in (protobuf encoders write tags and lengths as minimal varints, which is what this writes too).
/// </summary>
internal sealed class ProtoMessage(List<ProtoField> fields)
{
    public List<ProtoField> Fields { get; } = fields;

    public static ProtoMessage Parse(ReadOnlyMemory<byte> bytes)
    {
        var fields = new List<ProtoField>();
        var span = bytes.Span;
        var position = 0;
        while (position < span.Length)
        {
            var tag = ProtoWire.ReadVarint(span, ref position);
            var number = checked((int)(tag >> 3));
            var wireType = (ProtoWireType)(tag & 7);
            var start = position;
            int length;
            switch (wireType)
            {
                case ProtoWireType.Varint:
                    ProtoWire.ReadVarint(span, ref position);
                    length = position - start;
                    break;
                case ProtoWireType.Fixed64:
                    length = 8;
                    break;
                case ProtoWireType.Fixed32:
                    length = 4;
                    break;
                case ProtoWireType.LengthDelimited:
                    var declared = ProtoWire.ReadVarint(span, ref position);
                    start = position;
                    length = declared <= (ulong)(span.Length - position) ? (int)declared
                        : throw new InvalidDataException($"Protobuf field {number} claims {declared} bytes; {span.Length - position} remain.");
                    break;
                default:
                    throw new InvalidDataException($"Protobuf field {number} has wire type {(int)wireType}, which this reader does not support.");
            }

            if (start + length > span.Length || number == 0)
            {
                throw new InvalidDataException($"Truncated or malformed protobuf field {number} at byte {start}.");
            }

            fields.Add(new ProtoField(number, wireType, bytes.Slice(start, length)));
            position = start + length;
        }

        return new ProtoMessage(fields);
    }

    public long EncodedLength => Fields.Sum(f => f.EncodedLength);

    public byte[] ToArray()
    {
        var bytes = new byte[checked((int)EncodedLength)];
        var written = WriteTo(bytes);
        return written == bytes.Length ? bytes : throw new InvalidOperationException("Protobuf length mismatch.");
    }

    private int WriteTo(Span<byte> destination)
    {
        var position = 0;
        foreach (var field in Fields)
        {
            position += ProtoWire.WriteVarint(destination[position..], field.Tag);
            if (field.WireType == ProtoWireType.LengthDelimited)
            {
                position += ProtoWire.WriteVarint(destination[position..], (ulong)field.Value.Length);
            }

            field.Value.Span.CopyTo(destination[position..]);
            position += field.Value.Length;
        }

        return position;
    }

    /// <summary>
    /// A message from known fields and passed-through ones, ordered by field number (stable, so repeated fields keep
    /// their order): that is the order protobuf encoders write, so an unchanged message re-encodes to its own bytes.
    /// </summary>
    public static ProtoMessage Ordered(IEnumerable<ProtoField> known, IEnumerable<ProtoField> passedThrough) =>
        new([.. known.Concat(passedThrough).Select((f, i) => (f, i)).OrderBy(p => p.f.Number).ThenBy(p => p.i).Select(p => p.f)]);
}

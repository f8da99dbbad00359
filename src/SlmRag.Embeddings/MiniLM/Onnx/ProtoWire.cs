namespace SlmRag.Embeddings.MiniLM.Onnx;

/// <summary>Base-128 varints, the one number encoding protobuf tags and lengths use.</summary>
internal static class ProtoWire
{
    public static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= bytes.Length)
            {
                throw new InvalidDataException("Truncated protobuf varint.");
            }

            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("Protobuf varint longer than 10 bytes.");
    }

    public static int VarintLength(ulong value)
    {
        var length = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            length++;
        }

        return length;
    }

    /// <summary>Writes <paramref name="value"/> at the start of <paramref name="destination"/>; returns the bytes written.</summary>
    public static int WriteVarint(Span<byte> destination, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }
}

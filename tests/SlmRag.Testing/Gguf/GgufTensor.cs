namespace SlmRag.Testing.Gguf;

/// <summary>One tensor of a <see cref="GgufWriter"/>: its shape, type and a function giving each element.</summary>
internal sealed record GgufTensor(string Name, long[] Dims, GgufTensorType Type, Func<long, float> Values)
{
    public long ElementCount => Dims.Aggregate(1L, (a, b) => a * b);

    public long ByteCount => ElementCount * (Type == GgufTensorType.F16 ? 2 : 4);

    public void WriteData(BinaryWriter writer)
    {
        var count = ElementCount;
        var buffer = new byte[Math.Min(count, 1 << 16) * (Type == GgufTensorType.F16 ? 2 : 4)];
        var filled = 0;
        for (long i = 0; i < count; i++)
        {
            var value = Values(i);
            if (Type == GgufTensorType.F16)
            {
                BitConverter.TryWriteBytes(buffer.AsSpan(filled), (Half)value);
                filled += 2;
            }
            else
            {
                BitConverter.TryWriteBytes(buffer.AsSpan(filled), value);
                filled += 4;
            }

            if (filled == buffer.Length)
            {
                writer.Write(buffer);
                filled = 0;
            }
        }

        writer.Write(buffer, 0, filled);
    }
}

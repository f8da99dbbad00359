using System.Runtime.InteropServices;

namespace SlmRag.Storage.Embedded.Search;

/// <summary>Vectors as little-endian float32 blobs.</summary>
internal static class VectorBlobs
{
    public static byte[] ToBytes(ReadOnlySpan<float> vector) => MemoryMarshal.AsBytes(vector).ToArray();

    public static void Read(ReadOnlySpan<byte> blob, Span<float> into)
    {
        if (blob.Length != into.Length * sizeof(float))
        {
            throw new InvalidDataException($"A stored vector has {blob.Length / sizeof(float)} dimensions, expected {into.Length}.");
        }

        MemoryMarshal.Cast<byte, float>(blob).CopyTo(into);
    }
}

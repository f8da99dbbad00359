using System.Security.Cryptography;
using System.Text;

namespace SlmRag.Storage.Embedded.Search.Approximate;

/// <summary>
/// The on-disk form of a collection's HNSW graph: a header (format, dimensions, M, slots, entry point),
/// per slot its chunk id and links, and a SHA-256 of all of it at the end. Slots are matched to chunks
/// by id when loading, so the vectors themselves stay in the catalog only. Written to a temporary file
/// and renamed, so a crash leaves the previous file or the new one; anything unreadable (truncated,
/// bit flips, another format or shape) is <see cref="InvalidDataException"/> and the caller rebuilds.
/// </summary>
internal static class HnswFile
{
    private static readonly byte[] Magic = "SLMHNSW1"u8.ToArray();
    private const int MaxSlots = 1 << 30;

    public static void Save(string path, HnswGraph graph, int dimensions, int slotCount, Func<int, string?> chunkIdOf)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            // Buffered before hashing, so the hash sees large blocks rather than one call per integer.
            using (var writer = new BinaryWriter(new BufferedStream(new HashingStream(file, hash), 1 << 16), Encoding.UTF8, leaveOpen: false))
            {
                writer.Write(Magic);
                writer.Write(dimensions);
                writer.Write(graph.M);
                writer.Write(slotCount);
                writer.Write(graph.EntryPoint);
                writer.Write(graph.MaxLevel);
                var links = graph.Links;
                for (var slot = 0; slot < slotCount; slot++)
                {
                    var levels = slot < links.Length ? links[slot] : null;
                    writer.Write(levels is null ? string.Empty : chunkIdOf(slot) ?? string.Empty);
                    writer.Write((byte)(levels?.Length ?? 0));
                    foreach (var neighbours in levels ?? [])
                    {
                        writer.Write(neighbours.Length);
                        foreach (var neighbour in neighbours)
                        {
                            writer.Write(neighbour);
                        }
                    }
                }
            }

            file.Write(hash.GetHashAndReset());
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <exception cref="InvalidDataException">The file is damaged or not a graph of this shape.</exception>
    public static PersistedGraph Load(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        if (file.Length < Magic.Length + 32)
        {
            throw new InvalidDataException($"'{path}' is too short to be a graph.");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        PersistedGraph graph;
        try
        {
            using var buffered = new BufferedStream(new HashingStream(file, hash, file.Length - 32), 1 << 16);
            using var reader = new BinaryReader(buffered, Encoding.UTF8, leaveOpen: true);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                throw new InvalidDataException($"'{path}' is not an SlmRag graph file of this version.");
            }

            var dimensions = reader.ReadInt32();
            var m = reader.ReadInt32();
            var slots = reader.ReadInt32();
            var entry = reader.ReadInt32();
            var maxLevel = reader.ReadInt32();
            Check(dimensions > 0 && m >= 2 && slots is >= 0 and < MaxSlots && entry >= -1 && entry < slots && maxLevel is >= -1 and < 64, path);
            var ids = new string?[slots];
            int[][]?[] links = new int[slots][][];
            for (var slot = 0; slot < slots; slot++)
            {
                var id = reader.ReadString();
                ids[slot] = id.Length == 0 ? null : id;
                var levelCount = reader.ReadByte();
                if (levelCount == 0)
                {
                    continue;
                }

                var levels = new int[levelCount][];
                for (var level = 0; level < levelCount; level++)
                {
                    var count = reader.ReadInt32();
                    Check(count >= 0 && count <= 2 * m, path);
                    var neighbours = new int[count];
                    for (var i = 0; i < count; i++)
                    {
                        neighbours[i] = reader.ReadInt32();
                        Check(neighbours[i] >= 0 && neighbours[i] < slots, path);
                    }

                    levels[level] = neighbours;
                }

                links[slot] = levels;
            }

            Check(buffered.ReadByte() < 0, path);
            graph = new PersistedGraph(dimensions, m, ids, links, entry, maxLevel);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"'{path}' ends early.", ex);
        }

        var expected = new byte[32];
        file.Position = file.Length - 32;
        file.ReadExactly(expected);
        if (!hash.GetHashAndReset().AsSpan().SequenceEqual(expected))
        {
            throw new InvalidDataException($"'{path}' fails its checksum.");
        }

        return graph;
    }

    private static void Check(bool condition, string path)
    {
        if (!condition)
        {
            throw new InvalidDataException($"'{path}' holds values out of range.");
        }
    }
}

using System.Security.Cryptography;
using System.Text;

namespace SlmRag.Storage.Qdrant;

/// <summary>Qdrant collection names and point ids. Point ids are UUIDs derived from collection and chunk id, so re-writing a chunk overwrites it.</summary>
internal static class QdrantNames
{
    public const string Dense = "dense";
    public const string Sparse = "lexical";

    /// <summary>The chunk id under which a collection's own description point is stored.</summary>
    public const string CollectionInfo = "__collection__";

    public static string Collection(QdrantOptions options, string collection) => options.CollectionPrefix + collection;

    public static string PointId(string collection, string chunkId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(collection + "/" + chunkId));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }
}

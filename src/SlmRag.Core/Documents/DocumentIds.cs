using System.Security.Cryptography;
using System.Text;

namespace SlmRag.Core.Documents;

/// <summary>Deterministic identifiers, so that re-ingestion and (later) vector upserts are idempotent.</summary>
public static class DocumentIds
{
    public static string ForKey(string collection, string key) =>
        Hex($"{collection}\n{key}")[..32];

    public static string ForChunk(string documentId, int ordinal, string contentHash) =>
        Hex($"{documentId}\n{ordinal}\n{contentHash}")[..32];

    public static string HashText(string text) => Hex(text);

    private static string Hex(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}

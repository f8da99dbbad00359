using System.Security.Cryptography;
using System.Text;

namespace SlmRag.Core.Documents;

/// <summary>Deterministic identifiers, so that re-ingestion and (later) vector upserts are idempotent.</summary>
public static class DocumentIds
{
    /// <summary>The id of a document without an access list (readable by every caller of the collection).</summary>
    public static string ForKey(string collection, string key) =>
        Hex($"{collection}\n{key}")[..32];

    /// <summary>
    /// The id of a document: its collection, key and access list. The access list is part of the identity so that
    /// a document can only ever be replaced by an upload of the same scope, and an upload's id (which the uploader
    /// sees) depends on nothing the uploader cannot read. Without access groups this is <see cref="ForKey"/>.
    /// </summary>
    public static string ForScope(string collection, string key, IReadOnlyCollection<string> accessGroups)
    {
        var groups = NormaliseGroups(accessGroups);
        if (groups.Count == 0)
        {
            return ForKey(collection, key);
        }

        // Length-prefixed, so no choice of group names can produce another list's text.
        var scope = string.Concat(groups.Select(g => $"{g.Length}:{g}"));
        return Hex($"{collection}\n{key}\ngroups\n{scope}")[..32];
    }

    /// <summary>The access list as it takes part in an id: distinct, ordinal order, empty names dropped.</summary>
    public static IReadOnlyList<string> NormaliseGroups(IEnumerable<string> accessGroups) =>
        accessGroups.Where(g => g.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    public static string ForChunk(string documentId, int ordinal, string contentHash) =>
        Hex($"{documentId}\n{ordinal}\n{contentHash}")[..32];

    public static string HashText(string text) => Hex(text);

    private static string Hex(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}

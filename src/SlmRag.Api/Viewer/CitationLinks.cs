using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SlmRag.Answers;
using SlmRag.Api.Security;

namespace SlmRag.Api.Viewer;

/// <summary>
/// Links from citations to the document viewer. A browser opening a link sends no API key, so each link
/// carries a token: an HMAC over collection, document, the caller's groups and an expiry, signed with a
/// key made when the service starts (links stop working after a restart or after an hour).
/// </summary>
public sealed class CitationLinks(IOptions<ApiKeyOptions> keys, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);

    /// <param name="request">When given, links are absolute on this request's scheme, host and path base (clients of the
    /// OpenAI-compatible API and MCP agents have no page to resolve a relative link against).</param>
    public IReadOnlyList<Citation> Attach(IReadOnlyList<Citation> citations, string collection, CallerAccess caller, Microsoft.AspNetCore.Http.HttpRequest? request = null)
    {
        var origin = request is null ? string.Empty : $"{request.Scheme}://{request.Host}{request.PathBase}";
        return citations.Select(c => c with { ViewUrl = origin + Link(collection, c, caller) }).ToList();
    }

    public string Link(string collection, Citation citation, CallerAccess caller)
    {
        var url = $"/view/{Uri.EscapeDataString(collection)}/{Uri.EscapeDataString(citation.DocumentId)}?start={citation.CharStart}&end={citation.CharEnd}";
        if (keys.Value.Open)
        {
            return url;
        }

        var expires = time.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        var groups = caller.IsAdmin ? "*" : string.Join(',', caller.Groups);
        return $"{url}&g={Uri.EscapeDataString(groups)}&exp={expires}&sig={Sign(collection, citation.DocumentId, groups, expires)}";
    }

    /// <summary>The groups a link grants ("*" for everything), or null when the link is forged or expired.</summary>
    public IReadOnlyList<string>? Verify(string collection, string documentId, string? groups, long? expires, string? signature)
    {
        if (keys.Value.Open)
        {
            return [];
        }

        if (groups is null || expires is null || signature is null || time.GetUtcNow().ToUnixTimeSeconds() > expires)
        {
            return null;
        }

        var expected = Sign(collection, documentId, groups, expires.Value);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature))
            ? groups.Split(',', StringSplitOptions.RemoveEmptyEntries)
            : null;
    }

    private string Sign(string collection, string documentId, string groups, long expires)
    {
        var payload = string.Join('\n', collection, documentId, groups, expires.ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(payload)));
    }
}

namespace SlmRag.Api.Security;

/// <summary>
/// One API key, stored as the SHA-256 of the key (hex), never the key itself (<c>slmrag keys create</c>
/// makes both). A publishable key is for the intranet widget: query scope only, and only from
/// <see cref="Origins"/>.
/// </summary>
public sealed class ApiKeyEntry
{
    public string Name { get; set; } = string.Empty;

    public string Hash { get; set; } = string.Empty;

    /// <summary>admin, ingest, query (admin implies the others and sees every document).</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>Collections the key may use; empty or "*" for all. (No default items: configuration binding would append to them.)</summary>
    public List<string> Collections { get; set; } = [];

    /// <summary>The caller's groups, matched against documents' access lists.</summary>
    public List<string> Groups { get; set; } = [];

    public bool Publishable { get; set; }

    /// <summary>Web origins a publishable key may be used from (CORS), e.g. https://intranet.example.com.</summary>
    public List<string> Origins { get; set; } = [];

    /// <summary>Overrides Auth:RequestsPerMinute for this key.</summary>
    public int? RequestsPerMinute { get; set; }
}

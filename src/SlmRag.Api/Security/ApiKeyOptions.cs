namespace SlmRag.Api.Security;

/// <summary>
/// <c>Auth</c>: API keys. With no keys configured the service runs open (every caller anonymous, with
/// all scopes but no groups, so documents with access lists stay hidden) and says so at start-up.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Auth";

    public List<ApiKeyEntry> Keys { get; set; } = [];

    /// <summary>Requests per minute per key (per client address for anonymous callers); 0 turns limiting off.</summary>
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>
    /// Requests per minute per client address that carry no valid key (answered 401) or open viewer links
    /// (forged ones included): guessing keys or link signatures is slowed down. 0 turns limiting off.
    /// </summary>
    public int UnauthenticatedRequestsPerMinute { get; set; } = 120;

    public bool Open => Keys.Count == 0;
}

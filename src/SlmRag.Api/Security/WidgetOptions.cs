namespace SlmRag.Api.Security;

/// <summary>
/// <c>Widget</c>: web origins (scheme://host[:port]) whose pages may call the API from the browser without a
/// publishable key, e.g. the intranet that embeds the widget while the service runs open (no keys).
/// Publishable keys' own <c>Origins</c> are allowed in addition.
/// </summary>
public sealed class WidgetOptions
{
    public const string SectionName = "Widget";

    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>An origin as browsers send it: http or https, a host, an optional port, nothing after.</summary>
    public static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.PathAndQuery == "/" && !value.EndsWith('/') && uri.UserInfo.Length == 0;
}

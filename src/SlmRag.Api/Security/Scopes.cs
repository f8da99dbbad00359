namespace SlmRag.Api.Security;

/// <summary>The scopes an API key can carry, and the authorization policies named after them.</summary>
public static class Scopes
{
    public const string Admin = "admin";
    public const string Ingest = "ingest";
    public const string Query = "query";

    public static readonly IReadOnlyList<string> All = [Admin, Ingest, Query];
}

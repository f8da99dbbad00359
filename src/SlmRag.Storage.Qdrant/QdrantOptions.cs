namespace SlmRag.Storage.Qdrant;

/// <summary><c>Storage:Qdrant</c>: the Qdrant cluster that holds vectors and citation-ready payloads.</summary>
public sealed class QdrantOptions
{
    /// <summary>The REST endpoint, e.g. http://qdrant:6333 (https for TLS).</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>From the environment (Storage__Qdrant__ApiKey), sent as the api-key header.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Prefix of Qdrant collection names, so several SlmRag installations can share a cluster.</summary>
    public string CollectionPrefix { get; set; } = "slmrag_";

    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>Retries of transient failures (connection errors, 429, 502-504).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Points per upsert request.</summary>
    public int BatchSize { get; set; } = 256;
}

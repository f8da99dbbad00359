namespace SlmRag.Storage.Qdrant;

/// <summary>Qdrant answered with an error; <see cref="StatusCode"/> and Qdrant's own message say which.</summary>
public sealed class QdrantException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    /// <summary>Worth retrying: overload or a gateway in between, not a bad request.</summary>
    public bool IsTransient => StatusCode is 429 or 502 or 503 or 504;
}

namespace SlmRag.Core.Storage;

/// <summary>
/// Content-addressed storage for uploaded files until they are ingested. Uploaded names never reach
/// the file system: a blob is named by the SHA-256 of its bytes. Thread-safe.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores the stream, refusing it once it passes <paramref name="maxBytes"/>.</summary>
    /// <exception cref="Ingestion.IngestionException">With <see cref="Ingestion.IngestionError.TooLarge"/>.</exception>
    Task<StoredBlob> PutAsync(Stream content, long maxBytes, CancellationToken cancellationToken);

    /// <summary>The local path of a blob, or null when it is gone.</summary>
    string? TryGetPath(string hash);

    void Delete(string hash);
}

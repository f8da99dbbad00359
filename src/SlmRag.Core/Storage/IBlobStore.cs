namespace SlmRag.Core.Storage;

/// <summary>
/// Uploaded files until they are ingested. Every upload gets its own blob, named by the store and
/// never by the uploader, so deleting one upload's blob can never affect another's. Thread-safe.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores the stream, refusing it once it passes <paramref name="maxBytes"/>.</summary>
    /// <exception cref="Ingestion.IngestionException">With <see cref="Ingestion.IngestionError.TooLarge"/>.</exception>
    Task<StoredBlob> PutAsync(Stream content, long maxBytes, CancellationToken cancellationToken);

    /// <summary>The local path of a blob, or null when it is gone.</summary>
    string? TryGetPath(string blobId);

    void Delete(string blobId);

    /// <summary>Every stored blob and when it was written.</summary>
    IReadOnlyList<(string BlobId, DateTimeOffset WrittenAt)> List();
}

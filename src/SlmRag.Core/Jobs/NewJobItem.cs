using SlmRag.Core.Documents;
using SlmRag.Core.Ingestion;

namespace SlmRag.Core.Jobs;

/// <summary>A file to enqueue. A non-null <see cref="RefusedWith"/> records the item as failed at once (e.g. too large).</summary>
/// <param name="Uploader">Whose upload this is; null for the local operator (<see cref="UploaderAccess.Operator"/>).</param>
public sealed record NewJobItem(
    string FileName,
    string DocumentKey,
    string? BlobId,
    string? ContentHash,
    long SizeBytes,
    DocumentMetadata Metadata,
    string? Password,
    IngestionError? RefusedWith = null,
    string? RefusalReason = null,
    UploaderAccess? Uploader = null)
{
    /// <summary>The document this item writes, fixed when it is queued (<see cref="DocumentIds.ForScope"/>).</summary>
    public string DocumentId(string collection) => DocumentIds.ForScope(collection, DocumentKey, Metadata.AccessGroups);
}

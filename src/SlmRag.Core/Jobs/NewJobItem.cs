using SlmRag.Core.Documents;
using SlmRag.Core.Ingestion;

namespace SlmRag.Core.Jobs;

/// <summary>A file to enqueue. A non-null <see cref="RefusedWith"/> records the item as failed at once (e.g. too large).</summary>
public sealed record NewJobItem(
    string FileName,
    string DocumentKey,
    string? BlobId,
    string? ContentHash,
    long SizeBytes,
    DocumentMetadata Metadata,
    string? Password,
    IngestionError? RefusedWith = null,
    string? RefusalReason = null);

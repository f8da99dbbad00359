using SlmRag.Core.Documents;
using SlmRag.Core.Ingestion;

namespace SlmRag.Core.Jobs;

/// <summary>One uploaded file of a job and what became of it.</summary>
/// <param name="BlobId">The upload in the blob store until the item ends; null when the upload was refused.</param>
/// <param name="ContentHash">SHA-256 of the uploaded bytes; null when the upload was refused.</param>
/// <param name="HasPassword">Whether a password was supplied (the password itself is never returned).</param>
public sealed record JobItem(
    string JobId,
    int Ordinal,
    string FileName,
    string DocumentKey,
    string? BlobId,
    string? ContentHash,
    long SizeBytes,
    DocumentMetadata Metadata,
    bool HasPassword,
    JobItemState State,
    int Attempts,
    IngestionError? Error,
    string? Reason,
    string? DocumentId,
    int Pages,
    int Chunks,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt)
{
    public string Reference => $"{JobId}/{Ordinal}";
}

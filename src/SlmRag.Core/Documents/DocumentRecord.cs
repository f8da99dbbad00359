namespace SlmRag.Core.Documents;

/// <summary>A stored document: one version of one source in one collection.</summary>
/// <param name="Id">Deterministic from collection, key and access list (<see cref="DocumentIds.ForScope"/>).</param>
/// <param name="Key">Stable per source (file name or URL); a new upload with the same key replaces the documents of that key its uploader can read.</param>
/// <param name="Version">Increments each time the content changes.</param>
/// <param name="ContentHash">SHA-256 of the uploaded bytes.</param>
/// <param name="PipelineFingerprint">Identifies extractor and chunker settings; a change re-processes unchanged bytes.</param>
/// <param name="IngestedBy">The job item that wrote this version, "jobId/ordinal".</param>
public sealed record DocumentRecord(
    string Id,
    string Collection,
    string Key,
    int Version,
    string ContentHash,
    string PipelineFingerprint,
    string Title,
    SourceFormat Format,
    string FileName,
    long SizeBytes,
    int PageCount,
    int CharacterCount,
    int ChunkCount,
    DocumentMetadata Metadata,
    string IngestedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

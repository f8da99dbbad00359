namespace SlmRag.Core.Ingestion;

/// <summary>Why a document could not be ingested. Stable codes: clients and tests match on them.</summary>
public enum IngestionError
{
    EmptyFile,
    UnsupportedType,
    InvalidFileName,
    TooLarge,
    SuspiciousArchive,
    Malformed,
    PasswordRequired,
    WrongPassword,
    NoExtractableText,
    Timeout,
    CollectionMissing,
    EmbeddingModelMismatch,
    ToolMissing,
    Transient,
    Internal,

    /// <summary>The sandboxed extractor process died (stack overflow, abort, out of memory) on this document.</summary>
    ExtractorCrashed,

    /// <summary>The caller may not write this document. Kept for clients that match on it: uploads outside the key's groups are now refused as a whole (HTTP 403).</summary>
    NotPermitted,
}

namespace SlmRag.Core.Chunking;

/// <summary>What a chunker produces before the pipeline gives it ids: a span of the document text.</summary>
public sealed record ChunkDraft(
    IReadOnlyList<string> SectionPath,
    int? PageStart,
    int? PageEnd,
    int CharStart,
    int CharEnd,
    int TokenCount);

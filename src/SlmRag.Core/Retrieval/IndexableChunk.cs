using SlmRag.Core.Chunking;

namespace SlmRag.Core.Retrieval;

/// <summary>
/// A chunk as a search index stores it: the chunk with its provenance, what its document says about
/// access and labels, and its vector (null for collections without embeddings). Everything needed to
/// filter, rank and cite it without the catalog.
/// </summary>
public sealed record IndexableChunk(Chunk Chunk, string DocumentTitle, string? SourceUrl, IReadOnlyList<string> Tags, IReadOnlyList<string> AccessGroups, float[]? Vector);

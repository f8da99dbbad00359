namespace SlmRag.Core.Retrieval;

/// <summary>One retriever's hit: a chunk and its document, its score, and its 1-based rank in that retriever's list.</summary>
public readonly record struct ScoredChunk(string ChunkId, string DocumentId, double Score, int Rank);

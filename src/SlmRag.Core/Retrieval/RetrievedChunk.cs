namespace SlmRag.Core.Retrieval;

/// <summary>A fused hit with the evidence of each retriever that found it (null where one did not).</summary>
public sealed record RetrievedChunk(string ChunkId, string DocumentId, double Score, RetrieverEvidence? Lexical, RetrieverEvidence? Dense);

/// <summary>A retriever's rank (1-based) and raw score for one chunk.</summary>
public sealed record RetrieverEvidence(int Rank, double Score);

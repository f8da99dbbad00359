namespace SlmRag.Answers;

/// <summary>A source given to the answerer, with its retrieval score.</summary>
public sealed record SourceEvidence(int Number, string DocumentId, string ChunkId, string Title, double Score, int Tokens);

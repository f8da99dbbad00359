namespace SlmRag.Core.Retrieval;

/// <summary>
/// A retrieval's fused hits and the unit query vector it embedded (null when it embedded none: lexical mode or a
/// collection without vectors), so a caller that needs the query's vector again does not embed the query twice.
/// </summary>
public sealed record RetrievalResult(IReadOnlyList<RetrievedChunk> Hits, ReadOnlyMemory<float>? QueryVector);

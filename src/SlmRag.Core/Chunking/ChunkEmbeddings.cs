using SlmRag.Core.Collections;

namespace SlmRag.Core.Chunking;

/// <summary>One vector per chunk, in chunk order, all from <see cref="Model"/>; normalised to unit length.</summary>
public sealed record ChunkEmbeddings(EmbeddingModelFingerprint Model, IReadOnlyList<ReadOnlyMemory<float>> Vectors);

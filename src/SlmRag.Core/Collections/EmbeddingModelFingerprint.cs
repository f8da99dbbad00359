namespace SlmRag.Core.Collections;

/// <summary>Identifies the model that produced a collection's vectors, so vectors of two models are never mixed.</summary>
public sealed record EmbeddingModelFingerprint(string Name, int Dimensions, string Hash);

namespace SlmRag.Embeddings.MiniLM;

/// <summary>The arithmetic MiniLM's weight products run in (Embeddings:MiniLM:Precision).</summary>
public enum MiniLMPrecision
{
    /// <summary>The model as published: 32-bit floats throughout.</summary>
    Float32,

    /// <summary>
    /// The default. Weight products in int8 (weights quantised once at load, activations per call); the rest stays float. Vectors
    /// differ slightly from Float32's, so the fingerprint differs and collections need <c>slmrag reindex</c> to switch.
    /// </summary>
    Int8,
}

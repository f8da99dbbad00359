using SlmRag.Embeddings.MiniLM;

namespace SlmRag.Embeddings.Tests.MiniLM;

/// <summary>The model loaded twice, as published and rewritten to int8, for comparing the two.</summary>
public sealed class MiniLMInt8Fixture : IDisposable
{
    public MiniLMEmbeddingGenerator Float32 { get; } = MiniLMEmbeddingGenerator.Load(new MiniLMOptions { Precision = MiniLMPrecision.Float32 });

    public MiniLMEmbeddingGenerator Int8 { get; } = MiniLMEmbeddingGenerator.Load(new MiniLMOptions { Precision = MiniLMPrecision.Int8 });

    public void Dispose()
    {
        Float32.Dispose();
        Int8.Dispose();
    }
}

using SlmRag.Embeddings.MiniLM;

namespace SlmRag.Embeddings.Tests.MiniLM;

/// <summary>One loaded model for a test class (the published Float32 model, whose vectors have known values): loading reads 91 MB and builds the ONNX session.</summary>
public sealed class MiniLMFixture : IDisposable
{
    public MiniLMEmbeddingGenerator Generator { get; } = MiniLMEmbeddingGenerator.Load(new MiniLMOptions { Precision = MiniLMPrecision.Float32 });

    public void Dispose() => Generator.Dispose();
}

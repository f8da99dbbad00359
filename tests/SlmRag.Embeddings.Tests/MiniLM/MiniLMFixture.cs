using SlmRag.Embeddings.MiniLM;

namespace SlmRag.Embeddings.Tests.MiniLM;

/// <summary>One loaded model for a test class: loading reads 91 MB and builds the ONNX session.</summary>
public sealed class MiniLMFixture : IDisposable
{
    public MiniLMEmbeddingGenerator Generator { get; } = MiniLMEmbeddingGenerator.Load(new MiniLMOptions());

    public void Dispose() => Generator.Dispose();
}

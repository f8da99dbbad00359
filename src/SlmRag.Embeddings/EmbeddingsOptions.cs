using SlmRag.Embeddings.Static;

namespace SlmRag.Embeddings;

/// <summary><c>Embeddings</c>: which model embeds chunks and queries.</summary>
public sealed class EmbeddingsOptions
{
    public const string SectionName = "Embeddings";

    public EmbeddingProvider Provider { get; set; } = EmbeddingProvider.MiniLM;

    public StaticEmbeddingOptions Static { get; set; } = new();

    public OpenAI.OpenAIEmbeddingOptions OpenAI { get; set; } = new();

    public MiniLM.MiniLMOptions MiniLM { get; set; } = new();
}

public enum EmbeddingProvider
{
    /// <summary>No vectors: lexical search only.</summary>
    None,

    /// <summary>Static word vectors with SIF pooling (no server, no GPU; needs scripts/fetch-models.sh).</summary>
    Static,

    /// <summary>Any OpenAI-compatible /v1/embeddings endpoint (Embeddings:OpenAI).</summary>
    OpenAI,

    /// <summary>A GGUF embedding model run in-process by llama.cpp (LlamaCpp:Embeddings); registered by AddLlamaCpp.</summary>
    LlamaCpp,

    /// <summary>The all-MiniLM-L6-v2 sentence-embedding model run by ONNX Runtime (Embeddings:MiniLM); the default, restored with the build.</summary>
    MiniLM,
}

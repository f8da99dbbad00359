namespace SlmRag.LlamaCpp.Embeddings;

/// <summary><c>LlamaCpp:Embeddings</c>: a GGUF embedding model, used when <c>Embeddings:Provider</c> is <c>LlamaCpp</c>.</summary>
public sealed class LlamaEmbeddingOptions
{
    public string ModelPath { get; set; } = string.Empty;

    /// <summary>Tokens per text; longer texts are truncated. 0 uses the model's trained length (at most 8192).</summary>
    public int ContextSize { get; set; }

    /// <summary>How token vectors become one text vector; <see cref="EmbeddingPooling.Model"/> uses the model's own setting.</summary>
    public EmbeddingPooling Pooling { get; set; } = EmbeddingPooling.Model;

    /// <summary>Texts evaluated together in one llama.cpp call.</summary>
    public int MaxSequencesPerBatch { get; set; } = 8;

    public int Threads { get; set; } = 1;

    public int MaxConcurrentRequests { get; set; } = 1;

    public double QueueTimeoutSeconds { get; set; } = 60;
}

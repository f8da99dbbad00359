namespace SlmRag.Embeddings.OpenAI;

/// <summary><c>Embeddings:OpenAI</c>: any OpenAI-compatible /v1/embeddings endpoint (OpenAI, Azure OpenAI v1, vLLM, Ollama, LM Studio).</summary>
public sealed class OpenAIEmbeddingOptions
{
    /// <summary>Base URL including /v1, e.g. http://127.0.0.1:11434/v1 for Ollama.</summary>
    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    /// <summary>From configuration or the environment (Embeddings__OpenAI__ApiKey); local servers accept any value.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The vector size the model returns (or is asked for, where the endpoint supports it).</summary>
    public int Dimensions { get; set; }

    /// <summary>Ask the endpoint for <see cref="Dimensions"/> (models with adjustable output size only).</summary>
    public bool RequestDimensions { get; set; }

    public int TimeoutSeconds { get; set; } = 60;

    public int BatchSize { get; set; } = 64;
}

using SlmRag.LlamaCpp.Embeddings;

namespace SlmRag.LlamaCpp;

/// <summary><c>LlamaCpp</c>: where llama.cpp's libraries are, the local chat model and the GGUF embedding model.</summary>
public sealed class LlamaCppOptions
{
    public const string SectionName = "LlamaCpp";

    /// <summary>Folder of libllama/libggml; empty searches for native/llama/&lt;rid&gt; (scripts/fetch-llama.sh puts them there).</summary>
    public string? NativeLibraryPath { get; set; }

    public LlamaChatOptions Chat { get; set; } = new();

    public LlamaEmbeddingOptions Embeddings { get; set; } = new();
}

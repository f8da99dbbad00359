namespace SlmRag.LlamaCpp;

/// <summary><c>LlamaCpp:Chat</c>: the local answering model.</summary>
public sealed class LlamaChatOptions
{
    /// <summary>The GGUF file; empty means no local chat model is configured.</summary>
    public string ModelPath { get; set; } = string.Empty;

    /// <summary>The name answers report; defaults to the file name without extension.</summary>
    public string? ModelId { get; set; }

    /// <summary>Context window per request in tokens; 0 uses the model's trained length.</summary>
    public int ContextSize { get; set; } = 4096;

    /// <summary>Tokens per llama_decode call while reading the prompt (n_batch).</summary>
    public int BatchSize { get; set; } = 512;

    /// <summary>CPU threads per request. On small machines one thread is fastest: llama.cpp's thread pool spin-waits.</summary>
    public int Threads { get; set; } = 1;

    /// <summary>Requests generating at once (one llama.cpp context each, with its own KV cache).</summary>
    public int MaxConcurrentRequests { get; set; } = 1;

    /// <summary>How long a request waits for a free context before it is refused as busy.</summary>
    public double QueueTimeoutSeconds { get; set; } = 30;

    /// <summary>Forces a prompt format (ChatMl, Llama3, Gemma, Phi3, MistralInstruct, Zephyr); empty uses the model's template.</summary>
    public string? ChatTemplate { get; set; }

    public int DefaultMaxOutputTokens { get; set; } = 512;

    /// <summary>Layers offloaded to a GPU (0: CPU only, -1: all). Needs the CUDA or Vulkan libraries that
    /// scripts/fetch-llama.sh fetches when it finds a GPU (LlamaCpp:NativeLibraryPath pointing at them).</summary>
    public int GpuLayers { get; set; }

    /// <summary>Flash attention: Auto (llama.cpp decides per backend), Enabled or Disabled.</summary>
    public FlashAttentionMode FlashAttention { get; set; } = FlashAttentionMode.Auto;

    /// <summary>LoRA adapters applied over the base model, e.g. the team's fine-tune.</summary>
    public List<LoraAdapterOptions> Adapters { get; set; } = [];
}

namespace SlmRag.LlamaCpp;

/// <summary>How a model file is loaded.</summary>
public sealed class LlamaModelLoadOptions
{
    /// <summary>Folder of the llama.cpp libraries; null searches for native/llama/&lt;rid&gt;.</summary>
    public string? NativeLibraryPath { get; init; }

    /// <summary>Loads the tokenizer only (no weights): enough for token counting.</summary>
    public bool VocabularyOnly { get; init; }

    /// <summary>Layers offloaded to a GPU backend (0: CPU only; -1: all). Needs the CUDA or Vulkan build of the libraries.</summary>
    public int GpuLayers { get; init; }

    /// <summary>Reads the weights into writable memory instead of mapping the file: training updates them in place.</summary>
    internal bool WritableWeights { get; init; }
}

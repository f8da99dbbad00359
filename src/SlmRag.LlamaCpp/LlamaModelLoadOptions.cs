namespace SlmRag.LlamaCpp;

/// <summary>How a model file is loaded.</summary>
public sealed class LlamaModelLoadOptions
{
    /// <summary>Folder of the llama.cpp libraries; null searches for native/llama/&lt;rid&gt;.</summary>
    public string? NativeLibraryPath { get; init; }

    /// <summary>Loads the tokenizer only (no weights): enough for token counting.</summary>
    public bool VocabularyOnly { get; init; }
}

namespace SlmRag.LlamaCpp;

/// <summary>One LoRA adapter GGUF and the scale it is applied with.</summary>
public sealed class LoraAdapterOptions
{
    public string Path { get; set; } = string.Empty;

    public float Scale { get; set; } = 1f;
}

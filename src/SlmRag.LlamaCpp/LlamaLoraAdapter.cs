using SlmRag.LlamaCpp.Native;

namespace SlmRag.LlamaCpp;

/// <summary>A LoRA adapter loaded over a base model, applied with <see cref="Scale"/> by the contexts that use it.</summary>
public sealed class LlamaLoraAdapter : IDisposable
{
    internal LlamaLoraAdapter(string path, float scale, SafeLlamaAdapterHandle handle)
    {
        Path = path;
        Scale = scale;
        Handle = handle;
    }

    public string Path { get; }

    public float Scale { get; }

    internal SafeLlamaAdapterHandle Handle { get; }

    public void Dispose() => Handle.Dispose();
}

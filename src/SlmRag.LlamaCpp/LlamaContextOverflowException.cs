namespace SlmRag.LlamaCpp;

/// <summary>A prompt plus output would not fit the context window.</summary>
public sealed class LlamaContextOverflowException(int needed, int contextSize)
    : LlamaException($"{needed} tokens do not fit the model's context of {contextSize} tokens.")
{
    public int Needed { get; } = needed;

    public int ContextSize { get; } = contextSize;
}

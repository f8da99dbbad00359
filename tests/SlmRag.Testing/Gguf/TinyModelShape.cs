namespace SlmRag.Testing.Gguf;

/// <summary>The dimensions of a random-weight test model.</summary>
public sealed record TinyModelShape(int EmbeddingSize = 64, int Layers = 2, int Heads = 4, int KvHeads = 2, int FeedForward = 128, int ContextLength = 1024)
{
    /// <summary>Shaped like a 135M-parameter SLM (SmolLM-135M: 576 wide, 30 layers, 9 heads, 3 KV heads, vocabulary 49,152).</summary>
    public static TinyModelShape Slm135M { get; } = new(576, 30, 9, 3, 1536, 2048);

    public int KvSize => EmbeddingSize / Heads * KvHeads;
}

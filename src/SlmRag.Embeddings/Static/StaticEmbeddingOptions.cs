namespace SlmRag.Embeddings.Static;

/// <summary><c>Embeddings:Static</c>: the word-vector file and the SIF smoothing constant.</summary>
public sealed class StaticEmbeddingOptions
{
    public string Path { get; set; } = "models/wink-sg-100d.slmvec";

    /// <summary>SIF's a: a word of probability p gets weight a / (a + p). Smaller favours rarer words more.</summary>
    public double Smoothing { get; set; } = 3e-5;
}

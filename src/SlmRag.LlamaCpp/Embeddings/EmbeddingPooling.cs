namespace SlmRag.LlamaCpp.Embeddings;

/// <summary>Pooling of token vectors: the model's own (BERT-family GGUFs record it), mean, first token (CLS) or last token (causal embedding models).</summary>
public enum EmbeddingPooling
{
    Model,
    Mean,
    Cls,
    Last,
}

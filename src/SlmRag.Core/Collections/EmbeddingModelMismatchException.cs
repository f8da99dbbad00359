namespace SlmRag.Core.Collections;

/// <summary>Vectors of one model must never be mixed with another's: raised when a collection is written or searched with a different model.</summary>
public sealed class EmbeddingModelMismatchException(string collection, EmbeddingModelFingerprint stored, EmbeddingModelFingerprint offered)
    : Exception($"Collection '{collection}' holds vectors of {Describe(stored)}, but the configured embedding model is {Describe(offered)}. " +
                $"Configure the original model again, or re-embed the collection with 'slmrag reindex --collection {collection}'.")
{
    public EmbeddingModelFingerprint Stored { get; } = stored;

    public EmbeddingModelFingerprint Offered { get; } = offered;

    private static string Describe(EmbeddingModelFingerprint model) => $"'{model.Name}' ({model.Dimensions} dimensions, fingerprint {model.Hash})";
}

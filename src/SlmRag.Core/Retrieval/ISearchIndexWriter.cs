namespace SlmRag.Core.Retrieval;

/// <summary>
/// The write side of a search index kept apart from the catalog (Qdrant). Writes are idempotent: the
/// same document written twice leaves one copy, and replacing a document removes chunks it no longer has.
/// </summary>
public interface ISearchIndexWriter
{
    /// <summary>Creates the collection's index if needed; <paramref name="dimensions"/> 0 means no dense vectors.</summary>
    /// <exception cref="Collections.EmbeddingModelMismatchException">The index exists with another vector size.</exception>
    Task EnsureCollectionAsync(string collection, int dimensions, CancellationToken cancellationToken);

    /// <summary>Replaces every chunk of one document with <paramref name="chunks"/> (none: the document is removed).</summary>
    Task ReplaceDocumentAsync(string collection, string documentId, IReadOnlyList<IndexableChunk> chunks, CancellationToken cancellationToken);

    /// <summary>Stores what readers of the index alone need about the collection (its embedding model, residency policy).</summary>
    Task DescribeCollectionAsync(Collections.Collection collection, CancellationToken cancellationToken);

    Task DeleteCollectionAsync(string collection, CancellationToken cancellationToken);

    /// <summary>Chunks stored for the collection (0 when it has no index).</summary>
    Task<long> CountAsync(string collection, CancellationToken cancellationToken);
}

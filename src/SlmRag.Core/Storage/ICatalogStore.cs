using SlmRag.Core.Chunking;
using SlmRag.Core.Collections;
using SlmRag.Core.Documents;
using EmbeddingModelFingerprint = SlmRag.Core.Collections.EmbeddingModelFingerprint;

namespace SlmRag.Core.Storage;

/// <summary>
/// Collections, documents and their chunks. Every write is atomic: a reader sees a document's
/// old chunks or its new ones, never a mix. Implementations are thread-safe and may be shared
/// by several processes over the same data.
/// </summary>
public interface ICatalogStore
{
    /// <returns>False when a collection of that name already exists.</returns>
    Task<bool> CreateCollectionAsync(Collection collection, CancellationToken cancellationToken);

    Task<Collection?> GetCollectionAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<CollectionSummary>> ListCollectionsAsync(CancellationToken cancellationToken);

    /// <summary>Deletes the collection with all its documents and chunks.</summary>
    Task<bool> DeleteCollectionAsync(string name, CancellationToken cancellationToken);

    Task<DocumentRecord?> GetDocumentAsync(string collection, string documentId, CancellationToken cancellationToken);

    /// <summary>The documents of <paramref name="documentIds"/> that exist, in one call (an answer's sources load together, not one call per hit).</summary>
    Task<IReadOnlyList<DocumentRecord>> GetDocumentsAsync(string collection, IReadOnlyList<string> documentIds, CancellationToken cancellationToken);

    Task<DocumentPage> ListDocumentsAsync(string collection, DocumentQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a document version, replacing its previous version and all of that version's chunks (and
    /// their vectors) in one transaction. The first vectors written fix the collection's embedding model.
    /// </summary>
    /// <exception cref="Collections.EmbeddingModelMismatchException">The collection holds vectors of another model.</exception>
    Task ReplaceDocumentAsync(DocumentRecord document, DocumentContent content, IReadOnlyList<Chunk> chunks, ChunkEmbeddings? embeddings, CancellationToken cancellationToken) =>
        ReplaceDocumentAsync(document, content, chunks, embeddings, [], cancellationToken);

    /// <summary>
    /// As <see cref="ReplaceDocumentAsync(DocumentRecord, DocumentContent, IReadOnlyList{Chunk}, ChunkEmbeddings?, CancellationToken)"/>, and in the
    /// same transaction deletes the documents of <paramref name="supersedes"/> (other ids of the same key, e.g. before its access list changed),
    /// so a reader never sees both versions.
    /// </summary>
    Task ReplaceDocumentAsync(DocumentRecord document, DocumentContent content, IReadOnlyList<Chunk> chunks, ChunkEmbeddings? embeddings, IReadOnlyList<string> supersedes, CancellationToken cancellationToken);

    /// <summary>Every document of the collection stored under <paramref name="key"/>, one per access list, whoever may read them.</summary>
    Task<IReadOnlyList<DocumentRecord>> GetDocumentsByKeyAsync(string collection, string key, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces every vector of the collection with vectors of <paramref name="model"/>, computed batch by batch
    /// by <paramref name="embed"/>, and records the model; all in one transaction, so searches see the old
    /// vectors or the new ones, never a mix. Writers wait while it runs.
    /// </summary>
    /// <returns>The number of chunks re-embedded.</returns>
    Task<int> ReembedCollectionAsync(string collection, EmbeddingModelFingerprint model, Func<IReadOnlyList<Chunk>, CancellationToken, Task<IReadOnlyList<ReadOnlyMemory<float>>>> embed, IProgress<int>? progress, CancellationToken cancellationToken);

    /// <summary>Changes what the uploader said about a document without touching its content.</summary>
    Task<bool> UpdateMetadataAsync(string collection, string documentId, DocumentMetadata metadata, string ingestedBy, CancellationToken cancellationToken);

    /// <summary>Deletes the document and everything derived from it.</summary>
    Task<bool> DeleteDocumentAsync(string collection, string documentId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Chunk>> GetChunksAsync(string collection, string documentId, CancellationToken cancellationToken);

    /// <summary>The chunks with these ids in this collection, in the order asked; unknown ids are left out.</summary>
    Task<IReadOnlyList<Chunk>> GetChunksByIdAsync(string collection, IReadOnlyList<string> chunkIds, CancellationToken cancellationToken);

    Task<DocumentContent?> GetContentAsync(string collection, string documentId, CancellationToken cancellationToken);
}

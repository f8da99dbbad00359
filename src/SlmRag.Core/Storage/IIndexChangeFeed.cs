using SlmRag.Core.Retrieval;

namespace SlmRag.Core.Storage;

/// <summary>
/// The catalog's changes in commit order (the embedded store's index_log), and the current searchable
/// state of a document: what an external search index (Qdrant) replays to follow the catalog, exactly
/// once per change, after a crash too.
/// </summary>
public interface IIndexChangeFeed
{
    /// <summary>Changes after <paramref name="after"/>, oldest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<IndexChange>> ReadChangesAsync(long after, int max, CancellationToken cancellationToken);

    /// <summary>The document's chunks as they are now (none when it was deleted).</summary>
    Task<IReadOnlyList<IndexableChunk>> ReadDocumentAsync(string collection, string documentId, CancellationToken cancellationToken);

    /// <summary>Every chunk of a collection, document by document.</summary>
    IAsyncEnumerable<IndexableChunk> ReadCollectionAsync(string collection, CancellationToken cancellationToken);
}

namespace SlmRag.Core.Retrieval;

/// <summary>
/// Lexical and dense search over the chunks of one collection, with filters applied inside the
/// search. The embedded implementation keeps in-memory indexes that follow the catalog; Qdrant keeps
/// them on its servers. Thread-safe; results are ordered best first.
/// </summary>
public interface ISearchIndex
{
    Task<IReadOnlyList<ScoredChunk>> SearchLexicalAsync(string collection, string query, SearchFilter filter, int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<ScoredChunk>> SearchVectorAsync(string collection, ReadOnlyMemory<float> vector, SearchFilter filter, int limit, CancellationToken cancellationToken);
}

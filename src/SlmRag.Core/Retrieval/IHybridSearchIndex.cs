namespace SlmRag.Core.Retrieval;

/// <summary>A search index that fuses lexical and dense results itself, in one request (Qdrant's query API with prefetch and reciprocal rank fusion).</summary>
public interface IHybridSearchIndex : ISearchIndex
{
    Task<IReadOnlyList<ScoredChunk>> SearchHybridAsync(string collection, string query, ReadOnlyMemory<float> vector, SearchFilter filter, int limit, int candidates, CancellationToken cancellationToken);
}

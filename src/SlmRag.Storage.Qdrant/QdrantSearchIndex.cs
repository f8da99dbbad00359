using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SlmRag.Core.Retrieval;

namespace SlmRag.Storage.Qdrant;

/// <summary>
/// Search through Qdrant's query API with the caller's filter inside the search: sparse (lexical), dense,
/// and hybrid (both prefetched, fused by reciprocal rank on the server). Hits carry their chunks from the
/// payload, so a query replica needs nothing but Qdrant to cite them.
/// </summary>
internal sealed class QdrantSearchIndex(QdrantHttp http, IOptions<QdrantOptions> options) : IHybridSearchIndex
{
    public async Task<IReadOnlyList<ScoredChunk>> SearchLexicalAsync(string collection, string query, SearchFilter filter, int limit, CancellationToken cancellationToken)
    {
        var (indices, values) = SparseEncoder.Query(query);
        if (indices.Length == 0)
        {
            return [];
        }

        return Hits(await QueryAsync(collection, new JsonObject { ["query"] = Sparse(indices, values), ["using"] = QdrantNames.Sparse }, filter, limit, cancellationToken));
    }

    public async Task<IReadOnlyList<ScoredChunk>> SearchVectorAsync(string collection, ReadOnlyMemory<float> vector, SearchFilter filter, int limit, CancellationToken cancellationToken) =>
        Hits(await QueryAsync(collection, new JsonObject { ["query"] = Dense(vector), ["using"] = QdrantNames.Dense }, filter, limit, cancellationToken));

    /// <summary>Both retrievers prefetched and fused by Qdrant (reciprocal rank fusion) in one request.</summary>
    public async Task<IReadOnlyList<ScoredChunk>> SearchHybridAsync(string collection, string query, ReadOnlyMemory<float> vector, SearchFilter filter, int limit, int candidates, CancellationToken cancellationToken)
    {
        var (indices, values) = SparseEncoder.Query(query);
        var condition = QdrantFilters.From(filter);
        var prefetch = new JsonArray
        {
            new JsonObject { ["query"] = Dense(vector), ["using"] = QdrantNames.Dense, ["limit"] = candidates, ["filter"] = condition?.DeepClone() },
        };
        if (indices.Length > 0)
        {
            prefetch.Add(new JsonObject { ["query"] = Sparse(indices, values), ["using"] = QdrantNames.Sparse, ["limit"] = candidates, ["filter"] = condition?.DeepClone() });
        }

        return Hits(await QueryAsync(collection, new JsonObject { ["prefetch"] = prefetch, ["query"] = new JsonObject { ["fusion"] = "rrf" } }, filter, limit, cancellationToken));
    }

    private async Task<JsonArray> QueryAsync(string collection, JsonObject request, SearchFilter filter, int limit, CancellationToken cancellationToken)
    {
        request["limit"] = limit;
        request["with_payload"] = true;
        if (QdrantFilters.From(filter) is { } condition)
        {
            request["filter"] = condition;
        }

        var result = await http.SendAsync(HttpMethod.Post, $"collections/{QdrantNames.Collection(options.Value, collection)}/points/query", request, cancellationToken, notFoundIsNull: true).ConfigureAwait(false);
        return result?["points"]?.AsArray() ?? [];
    }

    private static List<ScoredChunk> Hits(JsonArray points) =>
        points.Select((p, i) => new ScoredChunk(p!["payload"]!["chunk_id"]!.GetValue<string>(), p["payload"]!["document_id"]!.GetValue<string>(), p["score"]!.GetValue<double>(), i + 1)).ToList();

    private static JsonObject Sparse(uint[] indices, float[] values) =>
        new() { ["indices"] = new JsonArray([.. indices.Select(i => (JsonNode?)i)]), ["values"] = new JsonArray([.. values.Select(v => (JsonNode?)v)]) };

    private static JsonArray Dense(ReadOnlyMemory<float> vector) => new([.. vector.ToArray().Select(v => (JsonNode?)v)]);
}

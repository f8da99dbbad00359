using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SlmRag.Core.Collections;
using SlmRag.Core.Retrieval;

namespace SlmRag.Storage.Qdrant;

/// <summary>
/// Writes chunks to Qdrant: one Qdrant collection per SlmRag collection (a named dense vector sized by the
/// embedding model, cosine; a sparse vector with the IDF modifier; keyword indexes on document id, tags and
/// access groups), batched idempotent upserts with deterministic point ids, delete by document.
/// </summary>
internal sealed class QdrantIndexWriter(QdrantHttp http, IOptions<QdrantOptions> options, IOptions<Bm25Options> bm25) : ISearchIndexWriter
{
    public async Task EnsureCollectionAsync(string collection, int dimensions, CancellationToken cancellationToken)
    {
        var name = QdrantNames.Collection(options.Value, collection);
        var existing = await http.SendAsync(HttpMethod.Get, $"collections/{name}", null, cancellationToken, notFoundIsNull: true).ConfigureAwait(false);
        if (existing is not null)
        {
            var size = existing["config"]?["params"]?["vectors"]?[QdrantNames.Dense]?["size"]?.GetValue<int>() ?? 0;
            if (size != dimensions)
            {
                throw new EmbeddingModelMismatchException(collection, new EmbeddingModelFingerprint("qdrant", size, "existing"), new EmbeddingModelFingerprint("offered", dimensions, "offered"));
            }

            return;
        }

        var create = new JsonObject { ["sparse_vectors"] = new JsonObject { [QdrantNames.Sparse] = new JsonObject { ["modifier"] = "idf" } } };
        if (dimensions > 0)
        {
            // A collection without embeddings (Embeddings:Provider None) is sparse-only.
            create["vectors"] = new JsonObject { [QdrantNames.Dense] = new JsonObject { ["size"] = dimensions, ["distance"] = "Cosine" } };
        }

        await http.SendAsync(HttpMethod.Put, $"collections/{name}", create, cancellationToken).ConfigureAwait(false);
        foreach (var field in new[] { "kind", "document_id", "tags", "access_groups" })
        {
            await http.SendAsync(HttpMethod.Put, $"collections/{name}/index?wait=true",
                new JsonObject { ["field_name"] = field, ["field_schema"] = "keyword" }, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task ReplaceDocumentAsync(string collection, string documentId, IReadOnlyList<IndexableChunk> chunks, CancellationToken cancellationToken)
    {
        var name = QdrantNames.Collection(options.Value, collection);
        // Delete first, then upsert: a new version with fewer chunks leaves none of the old ones behind.
        await http.SendAsync(HttpMethod.Post, $"collections/{name}/points/delete?wait=true",
            new JsonObject { ["filter"] = QdrantFilters.Document(documentId) }, cancellationToken, notFoundIsNull: true).ConfigureAwait(false);
        foreach (var batch in chunks.Chunk(Math.Max(1, options.Value.BatchSize)))
        {
            var points = new JsonArray([.. batch.Select(c => (JsonNode)QdrantPayload.Point(c, bm25.Value.TitleWeight))]);
            await http.SendAsync(HttpMethod.Put, $"collections/{name}/points?wait=true", new JsonObject { ["points"] = points }, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task DescribeCollectionAsync(Collection collection, CancellationToken cancellationToken) =>
        http.SendAsync(HttpMethod.Put, $"collections/{QdrantNames.Collection(options.Value, collection.Name)}/points?wait=true",
            new JsonObject { ["points"] = new JsonArray { QdrantPayload.CollectionPoint(collection) } }, cancellationToken);

    public Task DeleteCollectionAsync(string collection, CancellationToken cancellationToken) =>
        http.SendAsync(HttpMethod.Delete, $"collections/{QdrantNames.Collection(options.Value, collection)}", null, cancellationToken, notFoundIsNull: true);

    public async Task<long> CountAsync(string collection, CancellationToken cancellationToken)
    {
        var result = await http.SendAsync(HttpMethod.Post, $"collections/{QdrantNames.Collection(options.Value, collection)}/points/count",
            new JsonObject { ["exact"] = true, ["filter"] = ChunksOnly() }, cancellationToken, notFoundIsNull: true).ConfigureAwait(false);
        return result?["count"]?.GetValue<long>() ?? 0;
    }

    /// <summary>Counts chunk points only (the collection's description point is not a chunk).</summary>
    private static JsonObject ChunksOnly() => new() { ["must"] = new JsonArray { new JsonObject { ["key"] = "kind", ["match"] = new JsonObject { ["value"] = "chunk" } } } };
}

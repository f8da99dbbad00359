using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SlmRag.Core.Chunking;
using SlmRag.Core.Collections;
using SlmRag.Core.Documents;
using SlmRag.Core.Storage;

namespace SlmRag.Storage.Qdrant;

/// <summary>
/// The catalog of a query replica (<c>Storage:Qdrant:Role = Query</c>), read from Qdrant alone: collections
/// from their description points, chunks and their documents' titles, URLs, tags and access lists from
/// chunk payloads. Everything needed to search, answer and cite. Writes belong to the ingestion node and
/// are refused; extracted full texts (the document viewer) stay there too.
/// </summary>
internal sealed class QdrantCatalogReader(QdrantHttp http, IOptions<QdrantOptions> options) : ICatalogStore
{
    private const string ReadOnly = "This SlmRag instance is a query replica (Storage:Qdrant:Role = Query): ingestion and catalog changes go to the ingestion node.";

    public async Task<Collection?> GetCollectionAsync(string name, CancellationToken cancellationToken)
    {
        var points = await PointsAsync(name, [QdrantNames.PointId(name, QdrantNames.CollectionInfo)], cancellationToken).ConfigureAwait(false);
        return points.Count == 0 ? null : QdrantPayload.Collection(points[0]!["payload"]!);
    }

    public async Task<IReadOnlyList<CollectionSummary>> ListCollectionsAsync(CancellationToken cancellationToken)
    {
        var result = await http.SendAsync(HttpMethod.Get, "collections", null, cancellationToken).ConfigureAwait(false);
        var prefix = options.Value.CollectionPrefix;
        var summaries = new List<CollectionSummary>();
        foreach (var name in result?["collections"]?.AsArray().Select(c => c!["name"]!.GetValue<string>()).Where(n => n.StartsWith(prefix, StringComparison.Ordinal)) ?? [])
        {
            if (await GetCollectionAsync(name[prefix.Length..], cancellationToken).ConfigureAwait(false) is { } collection)
            {
                // Documents are not counted on a replica: that would scroll every chunk.
                summaries.Add(new CollectionSummary(collection, 0, 0));
            }
        }

        return summaries;
    }

    public async Task<IReadOnlyList<Chunk>> GetChunksByIdAsync(string collection, IReadOnlyList<string> chunkIds, CancellationToken cancellationToken)
    {
        var points = await PointsAsync(collection, chunkIds.Select(id => QdrantNames.PointId(collection, id)).ToList(), cancellationToken).ConfigureAwait(false);
        var chunks = points.Select(p => QdrantPayload.Chunk(p!["payload"]!)).ToDictionary(c => c.Id, StringComparer.Ordinal);
        return chunkIds.Where(chunks.ContainsKey).Select(id => chunks[id]).ToList();
    }

    public async Task<DocumentRecord?> GetDocumentAsync(string collection, string documentId, CancellationToken cancellationToken)
    {
        var points = await ScrollAsync(collection, documentId, 1, cancellationToken).ConfigureAwait(false);
        return points.Count == 0 ? null : QdrantPayload.Document(points[0]!["payload"]!);
    }

    public async Task<IReadOnlyList<DocumentRecord>> GetDocumentsAsync(string collection, IReadOnlyList<string> documentIds, CancellationToken cancellationToken)
    {
        // A document lives in its chunks' payloads: one scroll per document, sent together.
        var found = await Task.WhenAll(documentIds.Distinct(StringComparer.Ordinal).Select(id => GetDocumentAsync(collection, id, cancellationToken))).ConfigureAwait(false);
        return found.OfType<DocumentRecord>().ToList();
    }

    public async Task<IReadOnlyList<Chunk>> GetChunksAsync(string collection, string documentId, CancellationToken cancellationToken) =>
        (await ScrollAsync(collection, documentId, 10_000, cancellationToken).ConfigureAwait(false))
            .Select(p => QdrantPayload.Chunk(p!["payload"]!)).OrderBy(c => c.Ordinal).ToList();

    public Task<DocumentContent?> GetContentAsync(string collection, string documentId, CancellationToken cancellationToken) => Task.FromResult<DocumentContent?>(null);

    public Task<DocumentPage> ListDocumentsAsync(string collection, DocumentQuery query, CancellationToken cancellationToken) => throw new NotSupportedException(ReadOnly);

    public Task<bool> CreateCollectionAsync(Collection collection, CancellationToken cancellationToken) => throw new NotSupportedException(ReadOnly);

    public Task<bool> DeleteCollectionAsync(string name, CancellationToken cancellationToken) => throw new NotSupportedException(ReadOnly);

    public Task ReplaceDocumentAsync(DocumentRecord document, DocumentContent content, IReadOnlyList<Chunk> chunks, ChunkEmbeddings? embeddings, IReadOnlyList<string> supersedes, CancellationToken cancellationToken) =>
        throw new NotSupportedException(ReadOnly);

    public Task<IReadOnlyList<DocumentRecord>> GetDocumentsByKeyAsync(string collection, string key, CancellationToken cancellationToken) => throw new NotSupportedException(ReadOnly);

    public Task<int> ReembedCollectionAsync(string collection, EmbeddingModelFingerprint model, Func<IReadOnlyList<Chunk>, CancellationToken, Task<IReadOnlyList<ReadOnlyMemory<float>>>> embed, IProgress<int>? progress, CancellationToken cancellationToken) =>
        throw new NotSupportedException(ReadOnly);

    public Task<bool> UpdateMetadataAsync(string collection, string documentId, DocumentMetadata metadata, string ingestedBy, CancellationToken cancellationToken) =>
        throw new NotSupportedException(ReadOnly);

    public Task<bool> DeleteDocumentAsync(string collection, string documentId, CancellationToken cancellationToken) => throw new NotSupportedException(ReadOnly);

    private async Task<JsonArray> PointsAsync(string collection, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var result = await http.SendAsync(HttpMethod.Post, $"collections/{QdrantNames.Collection(options.Value, collection)}/points",
            new JsonObject { ["ids"] = new JsonArray([.. ids.Select(i => (JsonNode?)i)]), ["with_payload"] = true, ["with_vector"] = false },
            cancellationToken, notFoundIsNull: true).ConfigureAwait(false);
        return result?.AsArray() ?? [];
    }

    private async Task<JsonArray> ScrollAsync(string collection, string documentId, int limit, CancellationToken cancellationToken)
    {
        var result = await http.SendAsync(HttpMethod.Post, $"collections/{QdrantNames.Collection(options.Value, collection)}/points/scroll",
            new JsonObject { ["filter"] = QdrantFilters.Document(documentId), ["limit"] = limit, ["with_payload"] = true, ["with_vector"] = false },
            cancellationToken, notFoundIsNull: true).ConfigureAwait(false);
        return result?["points"]?.AsArray() ?? [];
    }
}

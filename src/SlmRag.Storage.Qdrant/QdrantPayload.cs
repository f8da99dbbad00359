using System.Text.Json.Nodes;
using SlmRag.Core.Chunking;
using SlmRag.Core.Collections;
using SlmRag.Core.Documents;
using SlmRag.Core.Retrieval;

namespace SlmRag.Storage.Qdrant;

/// <summary>A chunk's Qdrant point: both vectors and a payload with all provenance needed to filter and cite it.</summary>
internal static class QdrantPayload
{
    public static JsonObject Point(IndexableChunk item, double titleWeight)
    {
        var chunk = item.Chunk;
        var (indices, values) = SparseEncoder.Document(chunk.Text, string.Join(' ', chunk.SectionPath.Prepend(chunk.Title)), titleWeight);
        var vector = new JsonObject();
        if (indices.Length > 0)
        {
            // A chunk of stop words only has no lexical terms; Qdrant wants no sparse vector rather than an empty one.
            vector[QdrantNames.Sparse] = new JsonObject { ["indices"] = Array(indices), ["values"] = Array(values) };
        }

        if (item.Vector is { } dense)
        {
            vector[QdrantNames.Dense] = Array(dense);
        }

        return new JsonObject
        {
            ["id"] = QdrantNames.PointId(chunk.Collection, chunk.Id),
            ["vector"] = vector,
            ["payload"] = new JsonObject
            {
                ["kind"] = "chunk",
                ["collection"] = chunk.Collection,
                ["chunk_id"] = chunk.Id,
                ["document_id"] = chunk.DocumentId,
                ["ordinal"] = chunk.Ordinal,
                ["title"] = chunk.Title,
                ["document_title"] = item.DocumentTitle,
                ["section_path"] = Array(chunk.SectionPath),
                ["page_start"] = chunk.PageStart,
                ["page_end"] = chunk.PageEnd,
                ["char_start"] = chunk.CharStart,
                ["char_end"] = chunk.CharEnd,
                ["token_count"] = chunk.TokenCount,
                ["content_hash"] = chunk.ContentHash,
                ["text"] = chunk.Text,
                ["source_url"] = item.SourceUrl,
                ["tags"] = Array(item.Tags),
                ["access_groups"] = Array(item.AccessGroups),
            },
        };
    }

    /// <summary>The collection's own point: no vectors, its description and embedding model, so a query replica can serve it from Qdrant alone.</summary>
    public static JsonObject CollectionPoint(Collection collection) => new()
    {
        ["id"] = QdrantNames.PointId(collection.Name, QdrantNames.CollectionInfo),
        ["vector"] = new JsonObject(),
        ["payload"] = new JsonObject
        {
            ["kind"] = "collection",
            ["name"] = collection.Name,
            ["description"] = collection.Description,
            ["local_only"] = collection.LocalOnly,
            ["created_at"] = collection.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["embedding_model"] = collection.EmbeddingModel is { } model
                ? new JsonObject { ["name"] = model.Name, ["dimensions"] = model.Dimensions, ["hash"] = model.Hash }
                : null,
        },
    };

    public static Collection Collection(JsonNode payload)
    {
        var model = payload["embedding_model"];
        return new Collection(
            payload["name"]!.GetValue<string>(),
            payload["description"]?.GetValue<string>(),
            payload["local_only"]?.GetValue<bool>() ?? false,
            model is null ? null : new EmbeddingModelFingerprint(model["name"]!.GetValue<string>(), model["dimensions"]!.GetValue<int>(), model["hash"]!.GetValue<string>()),
            DateTimeOffset.Parse(payload["created_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A document as far as a chunk's payload describes it: enough to cite it and to check its access list.</summary>
    public static DocumentRecord Document(JsonNode payload)
    {
        var id = payload["document_id"]!.GetValue<string>();
        var metadata = new DocumentMetadata(Strings(payload["tags"]), payload["source_url"]?.GetValue<string>(), Strings(payload["access_groups"]));
        return new DocumentRecord(id, payload["collection"]!.GetValue<string>(), id, 0, string.Empty, string.Empty, payload["document_title"]!.GetValue<string>(),
            SourceFormat.PlainText, string.Empty, 0, 0, 0, 0, metadata, string.Empty, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
    }

    private static List<string> Strings(JsonNode? array) => array?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];

    public static Chunk Chunk(JsonNode payload) => new(
        payload["chunk_id"]!.GetValue<string>(),
        payload["document_id"]!.GetValue<string>(),
        payload["collection"]!.GetValue<string>(),
        payload["ordinal"]!.GetValue<int>(),
        payload["title"]!.GetValue<string>(),
        payload["section_path"]!.AsArray().Select(n => n!.GetValue<string>()).ToList(),
        payload["page_start"]?.GetValue<int?>(),
        payload["page_end"]?.GetValue<int?>(),
        payload["char_start"]!.GetValue<int>(),
        payload["char_end"]!.GetValue<int>(),
        payload["token_count"]!.GetValue<int>(),
        payload["content_hash"]!.GetValue<string>(),
        payload["text"]!.GetValue<string>());

    private static JsonArray Array<T>(IEnumerable<T> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
}

using System.Text.Json.Nodes;
using SlmRag.Core.Chunking;
using SlmRag.Core.Retrieval;

namespace SlmRag.Storage.Qdrant;

/// <summary>A chunk's Qdrant point: both vectors and a payload with all provenance needed to filter and cite it.</summary>
internal static class QdrantPayload
{
    public static JsonObject Point(IndexableChunk item, double titleWeight)
    {
        var chunk = item.Chunk;
        var (indices, values) = SparseEncoder.Document(chunk.Text, string.Join(' ', chunk.SectionPath.Prepend(chunk.Title)), titleWeight);
        var vector = new JsonObject { [QdrantNames.Sparse] = new JsonObject { ["indices"] = Array(indices), ["values"] = Array(values) } };
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

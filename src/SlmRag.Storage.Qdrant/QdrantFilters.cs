using System.Text.Json.Nodes;
using SlmRag.Core.Retrieval;

namespace SlmRag.Storage.Qdrant;

/// <summary><see cref="SearchFilter"/> as a Qdrant filter, applied inside the search: every tag, and an empty access list or a shared group.</summary>
internal static class QdrantFilters
{
    public static JsonObject? From(SearchFilter filter)
    {
        var must = new JsonArray();
        foreach (var tag in filter.Tags)
        {
            must.Add(new JsonObject { ["key"] = "tags", ["match"] = new JsonObject { ["value"] = tag } });
        }

        if (!filter.SeesEverything)
        {
            var should = new JsonArray { new JsonObject { ["is_empty"] = new JsonObject { ["key"] = "access_groups" } } };
            if (filter.CallerGroups.Count > 0)
            {
                should.Add(new JsonObject { ["key"] = "access_groups", ["match"] = new JsonObject { ["any"] = new JsonArray([.. filter.CallerGroups.Select(g => (JsonNode?)g)]) } });
            }

            must.Add(new JsonObject { ["should"] = should });
        }

        return must.Count == 0 ? null : new JsonObject { ["must"] = must };
    }

    public static JsonObject Document(string documentId) =>
        new() { ["must"] = new JsonArray { new JsonObject { ["key"] = "document_id", ["match"] = new JsonObject { ["value"] = documentId } } } };
}

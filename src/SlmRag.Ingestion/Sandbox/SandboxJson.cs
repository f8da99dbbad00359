using System.Text.Json;
using System.Text.Json.Serialization;

namespace SlmRag.Ingestion.Sandbox;

/// <summary>The wire format between the service and its extractor children.</summary>
internal static class SandboxJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}

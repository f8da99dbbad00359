using System.Text.Json;
using System.Text.RegularExpressions;

namespace SlmRag.Api.Tests.OpenApi;

/// <summary>The served OpenAPI document describes every operation completely, and the browsable reference loads from the service alone.</summary>
public sealed partial class OpenApiDocumentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_operation_has_response_schemas_errors_and_examples()
    {
        await using var factory = new SlmRagApiFactory();
        using var client = factory.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", Ct));
        var root = document.RootElement;
        var operations = Operations(root).ToList();

        // /healthz, /healthz/ready and /healthz/live are health-check endpoints, outside the API document.
        Assert.True(operations.Count >= 17, $"only {operations.Count} operations");
        foreach (var (name, operation) in operations)
        {
            var responses = operation.GetProperty("responses");
            var success = responses.EnumerateObject().Where(r => r.Name.StartsWith('2')).ToList();
            Assert.True(success.Count > 0, $"{name}: no success response");
            foreach (var response in success.Where(r => r.Name != "204"))
            {
                var json = response.Value.GetProperty("content").GetProperty("application/json");
                Assert.True(json.TryGetProperty("schema", out _), $"{name} {response.Name}: no schema");
                Assert.True(json.TryGetProperty("example", out _), $"{name} {response.Name}: no example");
            }

            if (operation.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("application/json", out var request))
            {
                Assert.True(request.TryGetProperty("example", out _), $"{name}: no request example");
                Assert.True(responses.TryGetProperty("400", out _), $"{name}: no 400 problem");
            }

            if (name.Contains('{', StringComparison.Ordinal))
            {
                Assert.True(responses.TryGetProperty("404", out var missing), $"{name}: no 404");
                Assert.True(missing.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{name}: 404 is not a problem");
            }
        }

        Assert.True(root.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearer", out _));
    }

    [Fact]
    public async Task The_ask_answer_and_the_upload_form_are_described_field_by_field()
    {
        await using var factory = new SlmRagApiFactory();
        using var client = factory.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json", Ct));
        var root = document.RootElement;
        var paths = root.GetProperty("paths");

        var ask = paths.GetProperty("/v1/collections/{collection}/ask").GetProperty("post").GetProperty("responses").GetProperty("200").GetProperty("content");
        var answer = Resolve(root, ask.GetProperty("application/json").GetProperty("schema"));
        var answerFields = answer.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "text", "abstained", "citations", "sources", "model", "usage", "timings" }, answerFields);
        var citation = Resolve(root, Resolve(root, answer.GetProperty("properties").GetProperty("citations")).GetProperty("items"));
        Assert.Superset(new HashSet<string> { "number", "documentId", "title", "snippet", "charStart", "charEnd", "viewUrl" },
            citation.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet());
        Assert.Contains("event: citations", ask.GetProperty("text/event-stream").GetProperty("example").GetString());

        var upload = paths.GetProperty("/v1/collections/{collection}/documents").GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema");
        var fields = upload.GetProperty("properties");
        Assert.Equal(new[] { "accessGroups", "files", "key", "password", "sourceUrl", "tags", "title" }, fields.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("binary", fields.GetProperty("files").GetProperty("items").GetProperty("format").GetString());
        Assert.Contains("files", upload.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task The_api_reference_page_and_its_script_are_served_by_the_service()
    {
        await using var factory = new SlmRagApiFactory();
        using var client = factory.CreateClient();

        var page = await client.GetStringAsync("/reference", Ct);
        var script = ScriptSource().Matches(page).Select(m => m.Groups[1].Value).FirstOrDefault(s => !s.StartsWith("http", StringComparison.Ordinal));

        Assert.Contains("openapi/v1.json", page);
        Assert.NotNull(script);
        using var asset = await client.GetAsync(new Uri(new Uri("http://localhost/reference/"), script), Ct);
        Assert.True(asset.IsSuccessStatusCode, $"{script}: {asset.StatusCode}");
        Assert.True((await asset.Content.ReadAsByteArrayAsync(Ct)).Length > 100_000, "the reference's script is bundled in the package");
    }

    [GeneratedRegex("<script[^>]+src=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();

    private static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement root) =>
        root.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject().Select(op => ($"{op.Name.ToUpperInvariant()} {path.Name}", op.Value)));

    private static JsonElement Resolve(JsonElement root, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/').Last();
            return root.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        return schema;
    }
}

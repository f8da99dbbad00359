using System.Net.Http.Json;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SlmRag.Api.Tests.Apis;

namespace SlmRag.Api.Tests.Mcp;

/// <summary>The MCP server at /mcp through the official MCP client, with API keys, collections and groups applied as on REST.</summary>
public sealed class McpServerTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly SlmRagApiFactory _factory = new(SlmRagApiFactory.Keys(
        ("ops", "slm_admin", ["admin"], ["*"], []),
        ("staff", "slm_staff", ["query"], ["policies"], ["staff"]),
        ("board", "slm_board", ["query"], ["policies"], ["board"]),
        ("loader", "slm_loader", ["ingest"], ["*"], [])));

    public async ValueTask InitializeAsync()
    {
        var admin = _factory.CreateClient("slm_admin");
        (await admin.PostAsJsonAsync("/v1/collections", new { name = "policies" }, Ct)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/v1/collections", new { name = "secret" }, Ct)).EnsureSuccessStatusCode();
        await AnswerDocuments.UploadAsync(admin, "policies");
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private async Task<McpClient> ConnectAsync(string key)
    {
        var http = _factory.CreateClient(key);
        var transport = new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(http.BaseAddress!, "/mcp"), TransportMode = HttpTransportMode.StreamableHttp }, http, ownsHttpClient: true);
        return await McpClient.CreateAsync(transport, cancellationToken: Ct);
    }

    private static JsonElement Result(CallToolResult result)
    {
        Assert.NotEqual(true, result.IsError);
        return result.StructuredContent is { } structured
            ? JsonSerializer.SerializeToElement(structured)
            : JsonDocument.Parse(((TextContentBlock)result.Content.Single()).Text).RootElement;
    }

    [Fact]
    public async Task The_tools_list_search_and_answer_with_citations_for_the_callers_collections()
    {
        await using var client = await ConnectAsync("slm_staff");

        var tools = (await client.ListToolsAsync(cancellationToken: Ct)).Select(t => t.Name).Order(StringComparer.Ordinal);
        var collections = Result(await client.CallToolAsync("list_collections", new Dictionary<string, object?>(), cancellationToken: Ct));
        var hits = Result(await client.CallToolAsync("search", new Dictionary<string, object?> { ["collection"] = "policies", ["query"] = "hotel limit Amsterdam" }, cancellationToken: Ct));
        var answer = Result(await client.CallToolAsync("ask", new Dictionary<string, object?> { ["collection"] = "policies", ["question"] = "What is the hotel limit in Amsterdam?" }, cancellationToken: Ct));

        Assert.Equal(["ask", "list_collections", "search"], tools);
        Assert.Equal(["policies"], Items(collections).Select(c => c.GetProperty("name").GetString()));
        Assert.Contains("180 euros", Items(hits)[0].GetProperty("text").GetString());
        Assert.Contains("180 euros", answer.GetProperty("answer").GetString());
        var citation = answer.GetProperty("citations")[0];
        Assert.StartsWith("http://localhost/view/policies/", citation.GetProperty("viewUrl").GetString());
    }

    [Fact]
    public async Task Groups_and_collections_of_the_key_are_enforced()
    {
        await using var staff = await ConnectAsync("slm_staff");
        await using var board = await ConnectAsync("slm_board");
        var question = new Dictionary<string, object?> { ["collection"] = "policies", ["query"] = "board bonus pool" };

        var staffHits = Items(Result(await staff.CallToolAsync("search", question, cancellationToken: Ct)));
        var boardHits = Items(Result(await board.CallToolAsync("search", question, cancellationToken: Ct)));
        var otherCollection = await CallOrErrorAsync(staff, "search", new() { ["collection"] = "secret", ["query"] = "anything" });

        // Counts: the board document is counted for the board key only.
        var staffCount = Items(Result(await staff.CallToolAsync("list_collections", new Dictionary<string, object?>(), cancellationToken: Ct)))[0].GetProperty("documents").GetInt32();
        var boardCount = Items(Result(await board.CallToolAsync("list_collections", new Dictionary<string, object?>(), cancellationToken: Ct)))[0].GetProperty("documents").GetInt32();
        Assert.Equal((2, 3), (staffCount, boardCount));
        Assert.DoesNotContain(staffHits, h => h.GetProperty("text").GetString()!.Contains("740,000", StringComparison.Ordinal));
        Assert.Contains(boardHits, h => h.GetProperty("text").GetString()!.Contains("740,000", StringComparison.Ordinal));
        Assert.Contains("was not found", otherCollection);
    }

    [Fact]
    public async Task Without_a_key_or_the_query_scope_the_endpoint_refuses()
    {
        var anonymous = await _factory.CreateClient(null).PostAsJsonAsync("/mcp", new { jsonrpc = "2.0", id = 1, method = "tools/list" }, Ct);
        await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync("slm_loader"));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static List<JsonElement> Items(JsonElement element) =>
        (element.ValueKind == JsonValueKind.Array ? element : element.GetProperty("result")).EnumerateArray().ToList();

    private static async Task<string> CallOrErrorAsync(McpClient client, string tool, Dictionary<string, object?> arguments)
    {
        try
        {
            var result = await client.CallToolAsync(tool, arguments, cancellationToken: Ct);
            return string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));
        }
        catch (McpException e)
        {
            return e.Message;
        }
    }
}

using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

// An agent's view of SlmRag over MCP: lists the key's collections, then asks one a question.
// dotnet run --project samples/SlmRag.Mcp.Sample -- http://127.0.0.1:5080 policies "What is the hotel limit in Amsterdam?"
// The API key comes from SLMRAG_API_KEY (omit it for a service without keys).
if (args.Length < 3)
{
    Console.Error.WriteLine("Usage: SlmRag.Mcp.Sample <service-url> <collection> <question>");
    return 2;
}

using var http = new HttpClient();
if (Environment.GetEnvironmentVariable("SLMRAG_API_KEY") is { Length: > 0 } key)
{
    http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
}

var transport = new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(new Uri(args[0]), "/mcp"), TransportMode = HttpTransportMode.StreamableHttp }, http);
await using var client = await McpClient.CreateAsync(transport);
foreach (var tool in await client.ListToolsAsync())
{
    Console.WriteLine($"tool {tool.Name}: {tool.Description}");
}

var collections = await client.CallToolAsync("list_collections", new Dictionary<string, object?>());
Console.WriteLine(string.Concat(collections.Content.OfType<TextContentBlock>().Select(t => t.Text)));
var answer = await client.CallToolAsync("ask", new Dictionary<string, object?> { ["collection"] = args[1], ["question"] = args[2] });
Console.WriteLine(string.Concat(answer.Content.OfType<TextContentBlock>().Select(t => t.Text)));
return answer.IsError == true ? 1 : 0;

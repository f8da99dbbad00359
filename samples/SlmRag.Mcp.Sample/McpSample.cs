using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace SlmRag.Mcp.Sample;

/// <summary>
/// An agent's view of SlmRag over MCP: lists the tools and the key's collections, then asks one a question.
/// <c>dotnet run --project samples/SlmRag.Mcp.Sample -- http://127.0.0.1:5080 policies "What is the hotel limit in Amsterdam?"</c>;
/// the API key comes from <c>SLMRAG_API_KEY</c> (omit it for a service without keys).
/// </summary>
public static class McpSample
{
    public static async Task<int> Main(string[] args)
    {
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

        return await RunAsync(http, new Uri(args[0]), args[1], args[2], Console.Out, Console.Error, CancellationToken.None);
    }

    /// <summary>The sample's work over <paramref name="http"/> (which carries the key): 0 when answered, 1 when the service refused or failed.</summary>
    public static async Task<int> RunAsync(HttpClient http, Uri service, string collection, string question, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            var transport = new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(service, "/mcp"), TransportMode = HttpTransportMode.StreamableHttp }, http);
            await using var client = await McpClient.CreateAsync(transport, cancellationToken: cancellationToken);
            foreach (var tool in await client.ListToolsAsync(cancellationToken: cancellationToken))
            {
                await output.WriteLineAsync($"tool {tool.Name}: {tool.Description}");
            }

            var collections = await client.CallToolAsync("list_collections", new Dictionary<string, object?>(), cancellationToken: cancellationToken);
            await output.WriteLineAsync(Text(collections));
            var answer = await client.CallToolAsync("ask", new Dictionary<string, object?> { ["collection"] = collection, ["question"] = question }, cancellationToken: cancellationToken);
            await (answer.IsError == true ? error : output).WriteLineAsync(Text(answer));
            return answer.IsError == true ? 1 : 0;
        }
        catch (HttpRequestException ex)
        {
            // A missing or wrong key, or no service at that address: say so instead of a stack trace.
            await error.WriteLineAsync($"{service} refused or failed the MCP request{(ex.StatusCode is { } status ? $" ({(int)status} {status})" : string.Empty)}: {ex.Message}" +
                (ex.StatusCode == System.Net.HttpStatusCode.Unauthorized ? " Set SLMRAG_API_KEY to a key with the query scope." : string.Empty));
            return 1;
        }
        catch (McpException ex)
        {
            await error.WriteLineAsync($"The MCP server reported an error: {ex.Message}");
            return 1;
        }
    }

    private static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));
}

using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly;

namespace SlmRag.Storage.Qdrant;

/// <summary>
/// Qdrant's REST API over HttpClient and System.Text.Json: the api-key header, a timeout per call, and
/// retries with backoff for transient failures only (connection errors, 429, 502-504). Errors carry
/// Qdrant's own message.
/// </summary>
internal sealed class QdrantHttp
{
    private readonly HttpClient _http;
    private readonly ResiliencePipeline _retry;

    public QdrantHttp(HttpClient http, QdrantOptions options)
    {
        _http = http;
        _http.BaseAddress = new Uri(options.Url.TrimEnd('/') + "/");
        _http.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            _http.DefaultRequestHeaders.Add("api-key", options.ApiKey);
        }

        _retry = SlmRag.Core.Resilience.RemoteCallResilience.Create(options.MaxRetries, e => e is QdrantException { IsTransient: true });
    }

    /// <returns>The response's <c>result</c>, or null for 404 when <paramref name="notFoundIsNull"/>.</returns>
    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken, bool notFoundIsNull = false) =>
        await _retry.ExecuteAsync(async token =>
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }

            using var response = await _http.SendAsync(request, token).ConfigureAwait(false);
            if (notFoundIsNull && response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return null;
            }

            var text = await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new QdrantException((int)response.StatusCode, $"Qdrant answered {(int)response.StatusCode} to {method} {path}: {ErrorOf(text)}");
            }

            return text.Length == 0 ? null : JsonNode.Parse(text)?["result"];
        }, cancellationToken).ConfigureAwait(false);

    private static string ErrorOf(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["status"]?["error"]?.GetValue<string>() ?? body;
        }
        catch (JsonException)
        {
            return body.Length > 300 ? body[..300] : body;
        }
    }
}

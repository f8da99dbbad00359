using System.Net;
using System.Net.Http.Json;
using SlmRag.Answers;
using SlmRag.Testing;
using SlmRag.Testing.Gguf;

namespace SlmRag.Api.Tests.Apis;

/// <summary>The service with a local GGUF model (random weights) answering: concurrency limits become 503, never a hang.</summary>
public sealed class LocalModelApiTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TempDirectory _models = new();

    public void Dispose() => _models.Dispose();

    [Fact]
    public async Task Beyond_the_models_concurrency_a_request_gets_503_with_retry_after_while_others_continue()
    {
        RepositoryPaths.RequireLlamaLibraries();
        // Wide and deep enough that an answer takes a while on one thread.
        var model = TinyModels.WriteChatModel(Path.Combine(_models.Path, "slow.gguf"), shape: new TinyModelShape(EmbeddingSize: 256, Layers: 8, Heads: 4, KvHeads: 4, FeedForward: 768, ContextLength: 2048), neverEnds: true);
        using var factory = new SlmRagApiFactory(new Dictionary<string, string?>
        {
            ["LlamaCpp:Chat:ModelPath"] = model,
            ["LlamaCpp:Chat:ContextSize"] = "2048",
            ["LlamaCpp:Chat:MaxConcurrentRequests"] = "1",
            ["LlamaCpp:Chat:QueueTimeoutSeconds"] = "0.2",
            ["Answers:MaxOutputTokens"] = "600",
            ["Answers:ContextTokens"] = "1000",
        });
        var client = await factory.ClientWithCollectionAsync("policies");
        await AnswerDocuments.UploadAsync(client, "policies");

        using var first = new HttpRequestMessage(HttpMethod.Post, "/v1/collections/policies/ask") { Content = JsonContent.Create(new { question = "How many days of paid annual leave do full-time employees get?" }) };
        first.Headers.Accept.ParseAdd("text/event-stream");
        using var streaming = await client.SendAsync(first, HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await streaming.Content.ReadAsStreamAsync(Ct));
        Assert.StartsWith("event: delta", await reader.ReadLineAsync(Ct));

        var busy = await client.PostAsJsonAsync("/v1/collections/policies/ask", new { question = "What is the hotel limit in Amsterdam?" }, Ct);
        var health = await client.GetAsync("/healthz", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.True(int.Parse(busy.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal("application/problem+json", busy.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        var rest = await reader.ReadToEndAsync(Ct);
        Assert.Contains("event: done", rest);
        var done = AskApiTests.ParseEvents(rest).Last(e => e.Event == "done").Data;
        Assert.Equal("slow", done.GetProperty("model").GetString());
        Assert.True(done.GetProperty("usage").GetProperty("outputTokens").GetInt32() > 0);

        // Once the first answer is done, the model takes the next request.
        var after = await client.PostAsJsonAsync("/v1/collections/policies/ask", new { question = "What is the hotel limit in Amsterdam?" }, Ct);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("slow", (await after.Content.ReadFromJsonAsync<AnswerResult>(SlmRagApiFactory.Json, Ct))!.Model);
    }

    [Fact]
    public async Task A_context_size_of_0_takes_the_models_own_window_checked_at_start_and_kept_by_every_answer()
    {
        RepositoryPaths.RequireLlamaLibraries();
        const int ModelWindow = 1024;
        var model = TinyModels.WriteChatModel(Path.Combine(_models.Path, "own-window.gguf"), shape: new TinyModelShape(ContextLength: ModelWindow), neverEnds: true);
        Dictionary<string, string?> Settings(int contextTokens, int outputTokens) => new()
        {
            ["LlamaCpp:Chat:ModelPath"] = model,
            ["LlamaCpp:Chat:ContextSize"] = "0",
            ["Answers:ContextTokens"] = contextTokens.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Answers:MaxOutputTokens"] = outputTokens.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        // 900 + 100 fit 1,024 only without the template and system prompt: the start fails and says which settings.
        using (var tooLarge = new SlmRagApiFactory(Settings(900, 100)))
        {
            var error = Assert.ThrowsAny<Exception>(() => tooLarge.CreateClient());
            var message = error.ToString();
            Assert.Contains("Answers:ContextTokens (900)", message);
            Assert.Contains("Answers:MaxOutputTokens (100)", message);
            Assert.Contains("LlamaCpp:Chat:ContextSize", message);
            Assert.Contains($"window of {ModelWindow} tokens", message);
        }

        const int Output = 64;
        using var factory = new SlmRagApiFactory(Settings(500, Output));
        var client = await factory.ClientWithCollectionAsync("policies");
        await AnswerDocuments.UploadAsync(client, "policies");
        var response = await client.PostAsJsonAsync("/v1/collections/policies/ask", new { question = "How many days of paid annual leave do full-time employees get?" }, Ct);
        var answer = (await response.Content.ReadFromJsonAsync<AnswerResult>(SlmRagApiFactory.Json, Ct))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("own-window", answer.Model);
        Assert.NotEmpty(answer.Sources);
        Assert.True(answer.Usage.InputTokens + Output <= ModelWindow, $"{answer.Usage.InputTokens} prompt tokens");
        Assert.Equal(Output, answer.Usage.OutputTokens);
    }

    [Fact]
    public void A_model_file_that_is_not_there_fails_the_start_naming_its_setting_not_the_window()
    {
        using var factory = new SlmRagApiFactory(new Dictionary<string, string?> { ["LlamaCpp:Chat:ModelPath"] = Path.Combine(_models.Path, "missing.gguf") });
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient()).ToString();
        Assert.Contains("LlamaCpp:Chat:ModelPath", error);
        Assert.Contains("missing.gguf", error);
        Assert.DoesNotContain("Answers:ContextTokens", error);
    }
}

using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Models;

namespace SlmRag.Api.Tests.Apis;

/// <summary>The OpenAI-compatible endpoints, driven by the official OpenAI .NET library as an unchanged client.</summary>
public sealed class ChatCompletionsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OpenAIClientOptions Options(SlmRagApiFactory factory) => new()
    {
        Endpoint = new Uri(factory.Server.BaseAddress, "/v1"),
        Transport = new HttpClientPipelineTransport(factory.CreateClient()),
    };

    [Fact]
    public async Task Collections_are_models_and_answers_come_back_with_citations()
    {
        var settings = SlmRagApiFactory.Keys(("ops", "slm_admin", ["admin"], [], []), ("staff", "slm_staff", ["query"], ["policies"], ["staff"]));
        using var factory = new SlmRagApiFactory(settings);
        var admin = await factory.ClientWithCollectionAsync("policies", "slm_admin");
        await admin.PostAsync("/v1/collections", System.Net.Http.Json.JsonContent.Create(new { name = "secret" }), Ct);
        await AnswerDocuments.UploadAsync(admin, "policies");

        var models = new OpenAIModelClient(new ApiKeyCredential("slm_staff"), Options(factory));
        var listed = (await models.GetModelsAsync(Ct)).Value.Select(m => m.Id).ToList();
        Assert.Equal(["policies"], listed);

        var chat = new ChatClient("policies", new ApiKeyCredential("slm_staff"), Options(factory));
        var result = await chat.CompleteChatAsync([new UserChatMessage("What is the hotel limit in Amsterdam?")], cancellationToken: Ct);
        ChatCompletion completion = result.Value;
        Assert.Contains("180 euros", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        // The documented extension field: citations beside the standard fields.
        using var raw = System.Text.Json.JsonDocument.Parse(result.GetRawResponse().Content.ToString());
        Assert.Equal(SlmRag.Core.Documents.DocumentIds.ForKey("policies", "travel.md"), raw.RootElement.GetProperty("citations")[0].GetProperty("documentId").GetString());

        var text = new System.Text.StringBuilder();
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("What is the hotel limit in Amsterdam?")], cancellationToken: Ct))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        Assert.Equal(completion.Content[0].Text, text.ToString());

        // Group-restricted documents stay hidden here too, and other collections are not models.
        ChatCompletion board = await chat.CompleteChatAsync([new UserChatMessage("How large is the board bonus pool for 2026?")], cancellationToken: Ct);
        Assert.DoesNotContain("740,000", board.Content[0].Text);
        var secret = new ChatClient("secret", new ApiKeyCredential("slm_staff"), Options(factory));
        var refused = await Assert.ThrowsAsync<ClientResultException>(() => secret.CompleteChatAsync([new UserChatMessage("anything?")], cancellationToken: Ct));
        Assert.Equal(404, refused.Status);
        // Errors come in OpenAI's shape, so the library reports the server's message.
        Assert.Contains("secret", refused.Message, StringComparison.Ordinal);
        using var error = System.Text.Json.JsonDocument.Parse(refused.GetRawResponse()!.Content.ToString());
        Assert.Equal("not_found_error", error.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.StartsWith("http://localhost/view/policies/", raw.RootElement.GetProperty("citations")[0].GetProperty("viewUrl").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_by_authentication_and_the_rate_limiter_come_in_OpenAIs_shape_too()
    {
        var settings = SlmRagApiFactory.Keys(("staff", "slm_staff", ["query"], ["policies"], ["staff"]));
        settings["Auth:Keys:0:RequestsPerMinute"] = "2";
        using var factory = new SlmRagApiFactory(settings);
        // No retries: the library would otherwise wait out Retry-After (60 s) and try again.
        var options = Options(factory);
        options.RetryPolicy = new ClientRetryPolicy(maxRetries: 0);

        var stranger = new OpenAIModelClient(new ApiKeyCredential("slm_unknown"), options);
        var unauthorized = await Assert.ThrowsAsync<ClientResultException>(() => stranger.GetModelsAsync(Ct));
        var chat = new ChatClient("policies", new ApiKeyCredential("slm_unknown"), options);
        var unauthorizedChat = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("anything?")], cancellationToken: Ct));

        var staff = new OpenAIModelClient(new ApiKeyCredential("slm_staff"), options);
        await staff.GetModelsAsync(Ct);
        await staff.GetModelsAsync(Ct);
        var limited = await Assert.ThrowsAsync<ClientResultException>(() => staff.GetModelsAsync(Ct));
        var limitedChat = await Assert.ThrowsAsync<ClientResultException>(() =>
            new ChatClient("policies", new ApiKeyCredential("slm_staff"), options).CompleteChatAsync([new UserChatMessage("anything?")], cancellationToken: Ct));

        foreach (var (refused, status, type) in new[] { (unauthorized, 401, "authentication_error"), (unauthorizedChat, 401, "authentication_error"), (limited, 429, "rate_limit_error"), (limitedChat, 429, "rate_limit_error") })
        {
            Assert.Equal(status, refused.Status);
            var raw = refused.GetRawResponse()!;
            Assert.Equal("application/json", raw.Headers.TryGetValue("Content-Type", out var contentType) ? contentType!.Split(';')[0] : null);
            using var error = System.Text.Json.JsonDocument.Parse(raw.Content.ToString());
            Assert.Equal(type, error.RootElement.GetProperty("error").GetProperty("type").GetString());
            // The library found the message in the body and reports it.
            Assert.Contains(error.RootElement.GetProperty("error").GetProperty("message").GetString()!, refused.Message, StringComparison.Ordinal);
        }

        Assert.Contains("Unknown API key.", unauthorized.Message, StringComparison.Ordinal);
        Assert.Contains("Too many requests", limited.Message, StringComparison.Ordinal);
        // Other endpoints keep ProblemDetails.
        var rest = await factory.CreateClient("slm_unknown").GetAsync("/v1/collections", Ct);
        Assert.Equal("application/problem+json", rest.Content.Headers.ContentType!.MediaType);
    }
}

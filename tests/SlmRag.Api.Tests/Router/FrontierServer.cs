using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.LlamaCpp;
using SlmRag.LlamaCpp.Chat;

namespace SlmRag.Api.Tests.Router;

/// <summary>
/// An OpenAI-compatible chat completions server on 127.0.0.1 standing in for the frontier (no frontier
/// model can run here): a real llama.cpp model with random weights answers, streamed in OpenAI's chunk
/// format. It records what it was sent, and can be slowed down or stopped to test timeouts and outages.
/// </summary>
public sealed class FrontierServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LlamaChatClient _model;

    private FrontierServer(WebApplication app, LlamaChatClient model)
    {
        _app = app;
        _model = model;
    }

    public List<JsonElement> Requests { get; } = [];

    public TimeSpan Delay { get; set; }

    public string Endpoint { get; private set; } = string.Empty;

    public static async Task<FrontierServer> StartAsync(string modelPath)
    {
        var model = LlamaChatClient.Load(new LlamaChatOptions { ModelPath = modelPath, ModelId = "frontier-tiny", ContextSize = 4096, MaxConcurrentRequests = 2 });
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var server = new FrontierServer(builder.Build(), model);
        server._app.MapPost("/v1/chat/completions", server.CompleteAsync);
        await server._app.StartAsync();
        server.Endpoint = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/v1";
        return server;
    }

    public Task StopAsync() => _app.StopAsync();

    private async Task CompleteAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var request = body.RootElement.Clone();
        lock (Requests)
        {
            Requests.Add(request);
        }

        await Task.Delay(Delay, context.RequestAborted);
        var messages = request.GetProperty("messages").EnumerateArray()
            .Select(m => new ChatMessage(new ChatRole(m.GetProperty("role").GetString()!), m.GetProperty("content").GetString())).ToList();
        var maxTokens = request.TryGetProperty("max_completion_tokens", out var max) ? max.GetInt32() : request.TryGetProperty("max_tokens", out var m2) ? m2.GetInt32() : 64;
        context.Response.ContentType = "text/event-stream";
        var id = "chatcmpl-" + Guid.NewGuid().ToString("N");
        UsageDetails? usage = null;
        await foreach (var update in _model.GetStreamingResponseAsync(messages, new ChatOptions { MaxOutputTokens = Math.Min(maxTokens, 48), Seed = 1 }, context.RequestAborted))
        {
            usage = update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details ?? usage;
            if (update.Text.Length > 0)
            {
                await WriteAsync(context, new { id, @object = "chat.completion.chunk", created = 0, model = "frontier-tiny", choices = new[] { new { index = 0, delta = new { role = "assistant", content = update.Text }, finish_reason = (string?)null } } });
            }
        }

        await WriteAsync(context, new
        {
            id, @object = "chat.completion.chunk", created = 0, model = "frontier-tiny",
            choices = new[] { new { index = 0, delta = new { role = "assistant", content = "" }, finish_reason = (string?)"stop" } },
            usage = new { prompt_tokens = usage?.InputTokenCount ?? 0, completion_tokens = usage?.OutputTokenCount ?? 0, total_tokens = usage?.TotalTokenCount ?? 0 },
        });
        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    private static async Task WriteAsync(HttpContext context, object chunk)
    {
        await context.Response.WriteAsync($"data: {JsonSerializer.Serialize(chunk)}\n\n");
        await context.Response.Body.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _model.Dispose();
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Collections;
using SlmRag.Embeddings.OpenAI;

namespace SlmRag.Embeddings.Tests.OpenAI;

/// <summary>The OpenAI library against a real OpenAI-compatible HTTP server on 127.0.0.1.</summary>
public sealed class OpenAIEmbeddingGeneratorTests : IAsyncDisposable
{
    private readonly List<string[]> _requests = [];
    private WebApplication? _server;
    private int _failuresLeft;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Inputs_are_sent_in_batches_and_vectors_come_back_in_order()
    {
        var generator = new OpenAIEmbeddingGenerator(await OptionsAsync(dimensions: 3, batch: 2));

        var result = await generator.GenerateAsync(["a", "bb", "ccc"], cancellationToken: Ct);

        Assert.Equal([["a", "bb"], ["ccc"]], _requests);
        Assert.Equal([1f, 2f, 3f], result.Select(e => e.Vector.Span[0]));
        Assert.Equal(("openai:test-model", 3), (generator.GetService<EmbeddingModelFingerprint>()!.Name, generator.GetService<EmbeddingModelFingerprint>()!.Dimensions));
    }

    [Fact]
    public async Task A_transient_server_error_is_retried()
    {
        var generator = new OpenAIEmbeddingGenerator(await OptionsAsync(dimensions: 3));
        _failuresLeft = 1;

        var result = await generator.GenerateAsync(["retry me"], cancellationToken: Ct);

        Assert.Single(result);
        Assert.Equal(2, _requests.Count);
    }

    [Fact]
    public async Task Vectors_of_an_unexpected_size_are_refused()
    {
        var generator = new OpenAIEmbeddingGenerator(await OptionsAsync(dimensions: 5));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => generator.GenerateAsync(["x"], cancellationToken: Ct));

        Assert.Contains("Embeddings:OpenAI:Dimensions", error.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task<OpenAIEmbeddingOptions> OptionsAsync(int dimensions, int batch = 64)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.MapPost("/v1/embeddings", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var inputs = body.RootElement.GetProperty("input").EnumerateArray().Select(i => i.GetString()!).ToArray();
            lock (_requests)
            {
                _requests.Add(inputs);
            }

            if (Interlocked.Decrement(ref _failuresLeft) >= 0)
            {
                return Results.StatusCode(503);
            }

            // A deterministic "model": [length, 1, 0].
            var data = inputs.Select((text, i) => new { @object = "embedding", index = i, embedding = new float[] { text.Length, 1, 0 } });
            return Results.Json(new { @object = "list", data, model = "test-model", usage = new { prompt_tokens = 1, total_tokens = 1 } });
        });
        await _server.StartAsync(Ct);
        var address = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new OpenAIEmbeddingOptions { Endpoint = address + "/v1", Model = "test-model", ApiKey = "test", Dimensions = dimensions, BatchSize = batch, TimeoutSeconds = 10 };
    }
}

using System.Net.Http.Json;
using SlmRag.Answers;
using SlmRag.Api.Tests.Apis;
using SlmRag.Testing;
using SlmRag.Testing.Gguf;

namespace SlmRag.Api.Tests.Telemetry;

/// <summary>An ask through the real service with a local GGUF model, read back from the service's OpenTelemetry export.</summary>
[Collection(nameof(TelemetryCollection))]
public sealed class AnswerTelemetryTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TempDirectory _models = new();

    public void Dispose() => _models.Dispose();

    [Fact]
    public async Task An_ask_exports_its_route_model_tokens_and_stage_latencies()
    {
        RepositoryPaths.RequireLlamaLibraries();
        var model = TinyModels.WriteChatModel(Path.Combine(_models.Path, "traced.gguf"), neverEnds: true);
        var capture = new TelemetryCapture();
        using var factory = new SlmRagApiFactory(new Dictionary<string, string?>
        {
            ["LlamaCpp:Chat:ModelPath"] = model,
            ["LlamaCpp:Chat:ContextSize"] = "1024",
            ["Answers:ContextTokens"] = "500",
            ["Answers:MaxOutputTokens"] = "12",
        }, capture.AddTo);
        var client = await factory.ClientWithCollectionAsync("policies");
        await AnswerDocuments.UploadAsync(client, "policies");

        var response = await client.PostAsJsonAsync("/v1/collections/policies/ask", new { question = "How many days of paid annual leave do full-time employees get?" }, Ct);
        var answer = (await response.Content.ReadFromJsonAsync<AnswerResult>(SlmRagApiFactory.Json, Ct))!;
        capture.Flush(factory.Services);

        Assert.Equal("traced", answer.Model);
        Assert.Equal(12, answer.Usage.OutputTokens);
        var route = answer.Route!;
        Assert.Equal(1, capture.Point("slmrag.answer.count", ("route", route.Target.ToString()), ("reason", route.Reason)).GetSumLong());
        Assert.Equal(answer.Usage.InputTokens, capture.Point("slmrag.answer.tokens", ("route", "Local"), ("model", "traced"), ("direction", "input")).GetSumLong());
        Assert.Equal(12, capture.Point("slmrag.answer.tokens", ("route", "Local"), ("model", "traced"), ("direction", "output")).GetSumLong());
        var context = capture.Point("slmrag.answer.stage.duration", ("stage", "context"));
        var generation = capture.Point("slmrag.answer.stage.duration", ("stage", "generation"));
        Assert.Equal(1, context.GetHistogramCount());
        Assert.Equal(1, generation.GetHistogramCount());
        Assert.Equal(answer.Timings.RetrievalMs, context.GetHistogramSum(), 3);
        Assert.Equal(answer.Timings.GenerationMs, generation.GetHistogramSum(), 3);

        // One trace: the HTTP request, the answer, its stages and the model call with the GenAI conventions.
        var ask = capture.Spans.Single(s => s.OperationName == "slmrag.answer");
        var request = await capture.SpanAsync(factory.Services, s => s.SpanId == ask.ParentSpanId);
        Assert.Equal("/v1/collections/{collection}/ask", request.GetTagItem("http.route"));
        var stages = capture.Spans.Where(s => s.TraceId == ask.TraceId).ToList();
        var contextSpan = stages.Single(s => s.OperationName == "slmrag.answer.context");
        Assert.Equal("policies", contextSpan.GetTagItem("slmrag.collection"));
        Assert.Equal(answer.Sources.Count, contextSpan.GetTagItem("slmrag.sources"));
        var routeSpan = stages.Single(s => s.OperationName == "slmrag.answer.route");
        Assert.Equal("Local", routeSpan.GetTagItem("slmrag.route"));
        Assert.Equal(route.Reason, routeSpan.GetTagItem("slmrag.route.reason"));
        var chat = stages.Single(s => s.GetTagItem("gen_ai.usage.input_tokens") is not null);
        Assert.Equal(answer.Usage.InputTokens, Convert.ToInt32(chat.GetTagItem("gen_ai.usage.input_tokens"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(12, Convert.ToInt32(chat.GetTagItem("gen_ai.usage.output_tokens"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("traced", chat.GetTagItem("gen_ai.response.model"));
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Api.Tests.Apis;
using SlmRag.Core.Jobs;
using SlmRag.Ingestion.Worker;

namespace SlmRag.Api.Tests.Telemetry;

/// <summary>
/// Ingestion through the real service, read back from its OpenTelemetry export. The hosted worker is off so the
/// queue can be seen full; the test then runs the same item processor the worker runs.
/// </summary>
[Collection(nameof(TelemetryCollection))]
public sealed class IngestionTelemetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ingestion_exports_documents_by_outcome_chunks_bytes_stages_and_the_queue()
    {
        var capture = new TelemetryCapture();
        using var factory = new SlmRagApiFactory(new Dictionary<string, string?> { ["Ingestion:Worker:Enabled"] = "false" }, capture.AddTo);
        var client = await factory.ClientWithCollectionAsync("metered");
        (string Name, string Text)[] files = [("leave.md", AnswerDocuments.Leave), ("travel.md", AnswerDocuments.Travel), ("board.md", AnswerDocuments.Board), ("blank.md", "   \n\n  \n")];
        using var form = new MultipartFormDataContent();
        foreach (var (name, text) in files)
        {
            var part = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(text));
            part.Headers.ContentType = new MediaTypeHeaderValue("text/markdown");
            form.Add(part, "files", name);
        }

        var upload = await client.PostAsync("/v1/collections/metered/documents", form, Ct);
        upload.EnsureSuccessStatusCode();
        capture.Flush(factory.Services);
        Assert.Equal(4, capture.Point("slmrag.ingestion.queue.depth", ("state", "pending")).GetGaugeLastValueLong());
        Assert.Equal(0, capture.Point("slmrag.ingestion.queue.depth", ("state", "running")).GetGaugeLastValueLong());
        Assert.True(capture.Point("slmrag.ingestion.queue.lag").GetGaugeLastValueDouble() >= 0);

        var processor = factory.Services.GetRequiredService<JobItemProcessor>();
        while (await processor.ProcessNextAsync("telemetry-test", Ct))
        {
        }

        var job = (await client.GetFromJsonAsync<IngestionJob>(upload.Headers.Location!, SlmRagApiFactory.Json, Ct))!;
        capture.Flush(factory.Services);

        var succeeded = job.Items.Where(i => i.State == JobItemState.Succeeded).ToList();
        var failed = job.Items.Single(i => i.State == JobItemState.Failed);
        Assert.Equal(3, succeeded.Count);
        Assert.Equal(3, capture.Point("slmrag.ingestion.documents", ("collection", "metered"), ("outcome", "Succeeded"), ("error", "none")).GetSumLong());
        Assert.Equal(1, capture.Point("slmrag.ingestion.documents", ("collection", "metered"), ("outcome", "Failed"), ("error", failed.Error!.Value.ToString())).GetSumLong());
        Assert.Equal(succeeded.Sum(i => i.Chunks), capture.Point("slmrag.ingestion.chunks", ("collection", "metered")).GetSumLong());
        Assert.Equal(succeeded.Sum(i => i.SizeBytes), capture.Point("slmrag.ingestion.bytes", ("collection", "metered")).GetSumLong());
        // Every document was extracted and chunked; only those with text were embedded and stored.
        Assert.Equal(4, capture.Point("slmrag.ingestion.stage.duration", ("stage", "extract")).GetHistogramCount());
        Assert.Equal(4, capture.Point("slmrag.ingestion.stage.duration", ("stage", "chunk")).GetHistogramCount());
        Assert.Equal(3, capture.Point("slmrag.ingestion.stage.duration", ("stage", "embed")).GetHistogramCount());
        Assert.Equal(3, capture.Point("slmrag.ingestion.stage.duration", ("stage", "store")).GetHistogramCount());
        Assert.Equal(0, capture.Point("slmrag.ingestion.queue.depth", ("state", "pending")).GetGaugeLastValueLong());

        var documents = capture.Spans.Where(s => s.OperationName == "slmrag.ingestion.document").ToList();
        Assert.Equal(4, documents.Count);
        Assert.Equal(3, documents.Count(d => (string?)d.GetTagItem("slmrag.ingestion.outcome") == "Succeeded"));
        Assert.All(capture.Spans.Where(s => s.OperationName == "slmrag.ingestion.store"), s => Assert.Contains(documents, d => d.SpanId == s.ParentSpanId));
    }
}

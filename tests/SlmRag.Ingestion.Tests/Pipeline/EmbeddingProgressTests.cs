using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Collections;
using SlmRag.Core.Jobs;
using SlmRag.Testing;

namespace SlmRag.Ingestion.Tests.Pipeline;

/// <summary>The embedding step of a long document shows its progress on the job item while it runs.</summary>
public sealed class EmbeddingProgressTests
{
    [Fact]
    public async Task The_items_chunk_counter_grows_batch_by_batch_while_a_long_document_is_embedded()
    {
        var seen = new List<int>();
        IngestionHarness? harness = null;
        // A fake at the model seam: it reads the job store between batches, as a client polling the job would.
        using var generator = new ProbingGenerator(async () =>
        {
            var listed = (await harness!.Jobs.ListJobsAsync("long", 1, CancellationToken.None)).Single();
            var job = await harness.Jobs.GetJobAsync(listed.Id, CancellationToken.None);
            seen.Add(job!.Items[0].Chunks);
        });
        harness = new IngestionHarness(new Dictionary<string, string?> { ["Ingestion:Chunking:MaxTokens"] = "40", ["Ingestion:Chunking:OverlapTokens"] = "0" },
            (services, _) => services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(generator));
        using var _ = harness;
        var text = new StringBuilder();
        for (var i = 0; i < 300; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"## Section {i}\n\nParagraph {i} says something about topic {i} in a sentence of some length.\n\n");
        }

        var job = await harness.IngestTextsAsync("long", [("long.md", text.ToString())]);

        Assert.Equal(JobItemState.Succeeded, job.Items[0].State);
        Assert.True(job.Items[0].Chunks > 128, $"{job.Items[0].Chunks} chunks");
        // Before the first batch nothing is embedded; before each later batch the counter shows the batches done.
        Assert.Equal(0, seen[0]);
        Assert.Equal(Enumerable.Range(0, seen.Count).Select(b => b * 64), seen);
    }

    private sealed class ProbingGenerator(Func<Task> probe) : IEmbeddingGenerator<string, Embedding<float>>
    {
        private static readonly EmbeddingModelFingerprint Fingerprint = new("probe", 2, "1");

        public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            await probe();
            return [.. values.Select(_ => new Embedding<float>(new float[] { 1, 0 }))];
        }

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(EmbeddingModelFingerprint) ? Fingerprint : null;

        public void Dispose()
        {
        }
    }
}

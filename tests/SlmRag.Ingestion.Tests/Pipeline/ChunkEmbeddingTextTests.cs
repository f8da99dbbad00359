using SlmRag.Core.Chunking;
using SlmRag.Core.Documents;
using SlmRag.Ingestion.Pipeline;
using SlmRag.Testing;

namespace SlmRag.Ingestion.Tests.Pipeline;

/// <summary>What chunks cut by the real pipeline are embedded as: their context once, never repeated.</summary>
public sealed class ChunkEmbeddingTextTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_heading_the_chunk_opens_with_is_not_repeated_but_a_later_chunk_gets_its_context()
    {
        using var harness = new IngestionHarness(new Dictionary<string, string?> { ["Ingestion:Chunking:MaxTokens"] = "40", ["Ingestion:Chunking:OverlapTokens"] = "0" });
        using var temp = new TempDirectory();
        var sentences = string.Join(' ', Enumerable.Range(1, 12).Select(i => $"Rail trips under {i} hours are booked in second class."));
        var job = await harness.IngestAsync("hr", [temp.File("travel.md", $"# Travel policy\n\n## Trains\n\n{sentences}\n")]);

        var chunks = await harness.Catalog.GetChunksAsync("hr", job.Items[0].DocumentId!, Ct);
        var texts = chunks.OrderBy(c => c.Ordinal).Select(ChunkEmbeddingText.Compose).ToList();

        Assert.True(chunks.Count >= 2, $"expected the section to be cut into several chunks, got {chunks.Count}");
        // The first chunk starts with both headings: each once, as the document has them.
        Assert.Equal(chunks.OrderBy(c => c.Ordinal).First().Text, texts[0]);
        Assert.StartsWith("Travel policy. Trains. ", texts[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_title_repeated_as_the_first_line_is_embedded_once_and_a_numeric_title_is_left_out()
    {
        using var harness = new IngestionHarness();
        using var temp = new TempDirectory();
        var file = temp.File("1400.txt", "Flow past a flat plate.\n\nflow past a flat plate . the boundary layer thickens downstream.");
        var titled = await harness.IngestAsync("papers", [file], DocumentMetadata.Empty with { Title = "Flow past a flat plate" });
        var untitled = await harness.IngestAsync("numbers", [file]);

        var chunk = Assert.Single(await harness.Catalog.GetChunksAsync("papers", titled.Items[0].DocumentId!, Ct));
        var numbered = Assert.Single(await harness.Catalog.GetChunksAsync("numbers", untitled.Items[0].DocumentId!, Ct));

        Assert.Equal("Flow past a flat plate", chunk.Title);
        Assert.Equal(chunk.Text, ChunkEmbeddingText.Compose(chunk));
        Assert.Equal("1400", numbered.Title);
        Assert.Equal(numbered.Text, ChunkEmbeddingText.Compose(numbered));
        Assert.Equal("Flow past a flat plate. the boundary layer thickens.",
            ChunkEmbeddingText.Compose(chunk with { Text = "the boundary layer thickens." }));
    }
}

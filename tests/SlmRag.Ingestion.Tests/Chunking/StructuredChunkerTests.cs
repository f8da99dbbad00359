using Microsoft.Extensions.Options;
using SlmRag.Core.Documents;
using SlmRag.Core.Extraction;
using SlmRag.Ingestion.Chunking;
using SlmRag.Ingestion.Tests.Extraction;
using SlmRag.Testing;

namespace SlmRag.Ingestion.Tests.Chunking;

public sealed class StructuredChunkerTests
{
    private static readonly EstimatingTokenCounter Counter = new();

    private static StructuredChunker Chunker(int max = 60, int overlap = 10) =>
        new(Counter, Options.Create(new IngestionOptions { Chunking = new ChunkingOptions { MaxTokens = max, OverlapTokens = overlap } }));

    private static ExtractedDocument Build(Action<Ingestion.Extraction.ExtractedTextBuilder> write)
    {
        var builder = new Ingestion.Extraction.ExtractedTextBuilder(1_000_000);
        write(builder);
        return builder.Build(SourceFormat.Markdown, "Test", "test.md");
    }

    private static string Sentences(string topic, int count) =>
        string.Join(' ', Enumerable.Range(1, count).Select(i => $"Sentence {i} about {topic} explains one more detail of the rule."));

    [Fact]
    public void Chunks_never_mix_sections_and_stay_within_budget()
    {
        var document = Build(b =>
        {
            b.Heading(1, "Leave");
            b.Add(BlockKind.Paragraph, Sentences("leave", 12));
            b.Heading(2, "Carry-over");
            b.Add(BlockKind.Paragraph, "Five days carry over.");
            b.Heading(1, "Travel");
            b.Add(BlockKind.Paragraph, Sentences("travel", 3));
        });

        var chunks = Chunker().Chunk(document);

        Assert.All(chunks, c => Assert.InRange(c.TokenCount, 1, 60));
        Assert.All(chunks, c =>
        {
            var blocks = document.Blocks.Where(b => b.Start < c.CharEnd && b.End > c.CharStart && b.Kind != BlockKind.Heading);
            Assert.All(blocks, b => Assert.Equal(c.SectionPath, b.SectionPath));
        });
        Assert.Contains(chunks, c => c.SectionPath.SequenceEqual(["Leave", "Carry-over"]) && document.Text[c.CharStart..c.CharEnd] == "Carry-over\n\nFive days carry over.");
        Assert.True(chunks.Count(c => c.SectionPath.SequenceEqual(["Leave"])) >= 2, "the long Leave section is split");
        Assert.Single(chunks, c => c.SectionPath.SequenceEqual(["Travel"]));
    }

    [Fact]
    public void Consecutive_chunks_of_a_long_section_overlap_by_whole_sentences()
    {
        var document = Build(b =>
        {
            b.Heading(1, "Leave");
            b.Add(BlockKind.Paragraph, Sentences("leave", 20));
        });

        var chunks = Chunker(max: 60, overlap: 15).Chunk(document);

        Assert.True(chunks.Count >= 3);
        for (var i = 1; i < chunks.Count; i++)
        {
            Assert.True(chunks[i].CharStart < chunks[i - 1].CharEnd, $"chunk {i} does not overlap its predecessor");
            var shared = document.Text[chunks[i].CharStart..chunks[i - 1].CharEnd];
            Assert.InRange(Counter.CountTokens(shared), 1, 15);
            Assert.StartsWith("Sentence", shared, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Heading_without_text_is_carried_into_its_first_subsection()
    {
        var document = Build(b =>
        {
            b.Heading(1, "Benefits");
            b.Heading(2, "Health");
            b.Add(BlockKind.Paragraph, "Dental is covered.");
        });

        var chunk = Assert.Single(Chunker().Chunk(document));

        Assert.Equal("Benefits\n\nHealth\n\nDental is covered.", document.Text[chunk.CharStart..chunk.CharEnd]);
        Assert.Equal(["Benefits", "Health"], chunk.SectionPath);
    }

    [Fact]
    public void An_over_long_sentence_is_cut_between_words()
    {
        var document = Build(b => b.Add(BlockKind.Paragraph, string.Join(' ', Enumerable.Repeat("word", 500))));

        var chunks = Chunker(max: 50, overlap: 0).Chunk(document);

        Assert.True(chunks.Count >= 10);
        Assert.All(chunks, c => Assert.InRange(c.TokenCount, 1, 50));
        Assert.All(chunks, c => Assert.Matches("^word( word)*$", document.Text[c.CharStart..c.CharEnd]));
    }

    [Fact]
    public async Task Real_documents_round_trip_offsets_and_page_ranges()
    {
        RepositoryPaths.RequireTool("pdftotext");
        var shared = RepositoryPaths.RequireShared("documents");
        using var extract = new Extract();
        string[] files =
        [
            "pdf-samples-with-expectations/004-pdflatex-4-pages/pdflatex-4-pages.pdf",
            "pdf-real/TAMReview.pdf",
            "docx/sources/word_sample.docx",
            "pptx/sources/powerpoint_sample.pptx",
            "web-pages/wikia/source.html",
            "markdown/sources/wiki.md",
        ];
        foreach (var file in files)
        {
            var document = await extract.FileAsync(Path.Combine(shared, file));
            var chunks = Chunker(max: 120, overlap: 20).Chunk(document);

            Assert.NotEmpty(chunks);
            foreach (var chunk in chunks)
            {
                var text = document.Text[chunk.CharStart..chunk.CharEnd];
                Assert.Equal(Counter.CountTokens(text), chunk.TokenCount);
                Assert.Equal(text.Trim(), text);
                if (document.Pages.Count > 0)
                {
                    var first = document.Pages.Single(p => p.Number == chunk.PageStart);
                    var last = document.Pages.Single(p => p.Number == chunk.PageEnd);
                    Assert.InRange(chunk.CharStart, first.Start, first.End - 1);
                    Assert.InRange(chunk.CharEnd, last.Start + 1, last.End);
                }
                else
                {
                    Assert.Null(chunk.PageStart);
                }
            }

            // Every non-heading block's text is inside some chunk.
            Assert.All(document.Blocks.Where(b => b.Kind != BlockKind.Heading),
                b => Assert.Contains(chunks, c => c.CharStart <= b.Start && c.CharEnd >= b.End || c.CharStart < b.End && c.CharEnd > b.Start));
        }
    }
}

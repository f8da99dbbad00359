using SlmRag.Core.Chunking;
using SlmRag.Core.Documents;

namespace SlmRag.Answers.Tests;

public sealed class AnswerSourceTests
{
    private const string Document = "First sentence here. Second sentence there. Third sentence last.";

    private static Chunk Chunk(int ordinal, int start, int end) =>
        new($"c{ordinal}", "d", "k", ordinal, "Title", ["Section"], 1, 1, start, end, 5, "h", Document[start..end]);

    private static readonly DocumentRecord Record = new("d", "k", "doc.md", 1, "h", "p", "Title", SourceFormat.Markdown, "doc.md", 10, 1, Document.Length, 2, DocumentMetadata.Empty, "j/0", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Merged_neighbours_share_their_overlap_once_and_cite_exact_offsets()
    {
        // The second chunk repeats the first one's last sentence (chunk overlap).
        var source = new AnswerSource(1, Record, [Chunk(0, 0, 43), Chunk(1, 21, Document.Length)], 1, 10);
        Assert.Equal(Document, source.Text);
        var citation = source.Cite();
        Assert.Equal(Document[citation.CharStart..citation.CharEnd], citation.Snippet);
        var sentence = source.Cite(44, Document.Length);
        Assert.Equal("Third sentence last.", sentence.Snippet);
    }
}

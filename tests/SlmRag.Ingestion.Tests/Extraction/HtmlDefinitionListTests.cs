using SlmRag.Core.Extraction;

namespace SlmRag.Ingestion.Tests.Extraction;

/// <summary>An HTML definition list keeps each definition with the term it defines.</summary>
public sealed class HtmlDefinitionListTests : IDisposable
{
    private readonly Extract _extract = new();

    [Fact]
    public async Task Each_definition_is_one_item_opening_with_its_terms()
    {
        var document = await ExtractAsync("""
            <html><body><h1>Loans</h1>
            <dl>
              <dt>Books</dt><dd>4 weeks. Can be renewed.</dd>
              <dt>DVDs</dt><dt>Blu-ray discs</dt><dd>1 week.</dd><dd>No renewals.</dd>
              <div><dt>Games:</dt><dd>2 <b>weeks</b>.</dd></div>
            </dl>
            <p>Ask at the desk.</p></body></html>
            """);

        var items = document.Blocks.Where(b => b.Kind == BlockKind.ListItem).Select(b => document.Text[b.Start..b.End]).ToList();
        Assert.Equal(["Books: 4 weeks. Can be renewed.", "DVDs, Blu-ray discs: 1 week.", "DVDs, Blu-ray discs: No renewals.", "Games: 2 weeks."], items);
        Assert.Contains("Ask at the desk.", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_definition_holding_paragraphs_is_read_as_blocks()
    {
        var document = await ExtractAsync("<html><body><dl><dt>Policy</dt><dd><p>First part.</p><p>Second part.</p></dd></dl></body></html>");

        Assert.Equal(["Policy", "First part.", "Second part."], document.Blocks.Select(b => document.Text[b.Start..b.End]));
    }

    [Fact]
    public async Task A_definition_of_several_lines_stays_one_item_with_its_lines_apart()
    {
        var document = await ExtractAsync("""
            <html><body><h2>Contact details</h2>
            <dl>
              <dt>Lost Property Office</dt>
              <dd>Harrowgate Interchange, ground floor next to Stand 4<br>Monday to Friday 09:00–17:30<br/>Phone <b>0800 412 7760</b></dd>
              <dt>Post</dt><dd>Freepost VRT,<br>17 Tallow Street</dd>
            </dl></body></html>
            """);

        var items = document.Blocks.Where(b => b.Kind == BlockKind.ListItem).Select(b => document.Text[b.Start..b.End]).ToList();
        Assert.Equal(
        [
            "Lost Property Office: Harrowgate Interchange, ground floor next to Stand 4; Monday to Friday 09:00–17:30; Phone 0800 412 7760",
            "Post: Freepost VRT, 17 Tallow Street",
        ], items);
    }

    [Fact]
    public async Task A_line_break_of_the_markup_inside_a_definition_is_a_space()
    {
        var document = await ExtractAsync("<html><body><dl><dt>Office</dt><dd>Harrowgate Interchange,\n   ground floor<br>Phone 0800</dd></dl></body></html>");

        var item = Assert.Single(document.Blocks, b => b.Kind == BlockKind.ListItem);
        Assert.Equal("Office: Harrowgate Interchange, ground floor; Phone 0800", document.Text[item.Start..item.End]);
    }

    private Task<ExtractedDocument> ExtractAsync(string html) => _extract.TextAsync("page.html", html);

    public void Dispose() => _extract.Dispose();
}

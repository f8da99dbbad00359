using SlmRag.Core.Extraction;

namespace SlmRag.Ingestion.Tests.Extraction;

/// <summary>Plain text keeps the structure its lines carry: capital or underlined headings, price lists, columns, bullets.</summary>
public sealed class PlainTextExtractionTests : IDisposable
{
    private readonly Extract _extract = new();

    [Fact]
    public async Task Capital_headings_open_sections_and_each_dot_leader_line_is_its_own_item()
    {
        var document = await ExtractAsync("""
            RIVERSIDE POOL
            22 Lake Road
            Visitor information


            OPENING HOURS - WINTER SEASON (1 September to 31 May)
            Indoor pool only.

            Monday to Friday ............ 06:30 - 21:30
            Sunday ...................... 08:00 - 18:00

            OPENING HOURS - SUMMER SEASON

            Outdoor pool, daily ......... 09:00 - 20:00
            Indoor pool, Saturday-Sunday  closed
            """);

        Assert.Equal("RIVERSIDE POOL", document.Title);
        var sunday = Block(document, "Sunday ...................... 08:00 - 18:00");
        Assert.Equal(BlockKind.ListItem, sunday.Kind);
        Assert.Equal(["RIVERSIDE POOL", "OPENING HOURS - WINTER SEASON (1 September to 31 May)"], sunday.SectionPath);
        var closed = Block(document, "Indoor pool, Saturday-Sunday  closed".Replace("  ", " ", StringComparison.Ordinal));
        Assert.Equal(["RIVERSIDE POOL", "OPENING HOURS - SUMMER SEASON"], closed.SectionPath);
        Assert.Equal(BlockKind.Heading, Block(document, "OPENING HOURS - SUMMER SEASON").Kind);
        Assert.Equal(BlockKind.Paragraph, Block(document, "22 Lake Road Visitor information").Kind);
        Assert.Contains("06:30 - 21:30\nSunday", document.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrapped_prose_stays_one_paragraph()
    {
        var document = await ExtractAsync("""
            EUR 4.50 is the price of a single ticket.  Children pay less...
            and babies swim free of charge, see the price list
            at the reception desk.
            """);

        var block = Assert.Single(document.Blocks);
        Assert.Equal(BlockKind.Paragraph, block.Kind);
        Assert.Equal("EUR 4.50 is the price of a single ticket. Children pay less... and babies swim free of charge, see the price list at the reception desk.", document.Text);
        Assert.Equal("notes", document.Title);
    }

    [Fact]
    public async Task Bullets_are_items_with_their_wrapped_lines_and_an_underlined_line_is_a_heading()
    {
        var document = await ExtractAsync("""
            Pool rules
            ==========

            - Children under 10 must be accompanied in the water by a person aged
              16 or over.
            - Dogs are not allowed, except assistance dogs.
            """);

        Assert.Equal("Pool rules", document.Title);
        Assert.Equal(BlockKind.Heading, document.Blocks[0].Kind);
        var items = document.Blocks.Where(b => b.Kind == BlockKind.ListItem).Select(b => document.Text[b.Start..b.End]).ToList();
        Assert.Equal(["- Children under 10 must be accompanied in the water by a person aged 16 or over.", "- Dogs are not allowed, except assistance dogs."], items);
    }

    private Task<ExtractedDocument> ExtractAsync(string text) => _extract.TextAsync("notes.txt", text);

    private static TextBlock Block(ExtractedDocument document, string text) =>
        Assert.Single(document.Blocks, b => document.Text[b.Start..b.End] == text);

    public void Dispose() => _extract.Dispose();
}

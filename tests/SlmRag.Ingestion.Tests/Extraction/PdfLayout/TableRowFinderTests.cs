using SlmRag.Ingestion.Extraction.PdfLayout;

namespace SlmRag.Ingestion.Tests.Extraction.PdfLayout;

/// <summary>Row reconstruction on line boxes laid out as a table, as two columns of text, and as both.</summary>
public sealed class TableRowFinderTests
{
    private const double LineHeight = 12;

    [Fact]
    public void Cells_sharing_a_band_become_rows_with_their_cells_left_to_right()
    {
        // Written column by column, as pdftotext orders cells that are separate flows.
        var lines = new List<LayoutLine>();
        string[][] table = [["Plan", "Price", "Seats"], ["Basic", "€10", "1"], ["Team", "€45", "10"], ["Company", "€300", "100"]];
        for (var column = 0; column < 3; column++)
        {
            for (var row = 0; row < table.Length; row++)
            {
                lines.Add(Line(60 + column * 150, 100 + row * 20, table[row][column], flow: lines.Count));
            }
        }

        var region = Assert.Single(TableRowFinder.Find(lines));
        Assert.Equal(["Plan | Price | Seats", "Basic | €10 | 1", "Team | €45 | 10", "Company | €300 | 100"], region.RowTexts());
        Assert.All(lines, l => Assert.True(region.Contains(l)));
    }

    [Fact]
    public void Two_columns_of_text_on_the_same_baselines_are_not_a_table()
    {
        // Every line its own flow (some generators write PDFs so), so only the gutter tells the columns apart.
        var lines = new List<LayoutLine>();
        for (var i = 0; i < 12; i++)
        {
            lines.Add(Line(50, 100 + i * 14, "the left column carries on with its sentence here", flow: lines.Count, width: 240));
            lines.Add(Line(310, 100 + i * 14, "and so does the right column with another one", flow: lines.Count, width: 240));
        }

        Assert.Empty(TableRowFinder.Find(lines));
    }

    [Fact]
    public void A_table_in_one_column_of_a_two_column_page_keeps_to_its_column()
    {
        var lines = new List<LayoutLine>();
        for (var i = 0; i < 10; i++)
        {
            lines.Add(Line(310, 100 + i * 14, "text of the right column runs beside the table", flow: 0, width: 240));
        }

        string[][] table = [["Voltage", "Distance"], ["10 kV", "0.7 m"], ["132 kV", "2.0 m"]];
        for (var row = 0; row < table.Length; row++)
        {
            lines.Add(Line(50, 100 + row * 14, table[row][0], flow: 1 + row * 2));
            lines.Add(Line(180, 100 + row * 14, table[row][1], flow: 2 + row * 2));
        }

        var region = Assert.Single(TableRowFinder.Find(lines));
        Assert.Equal(["Voltage | Distance", "10 kV | 0.7 m", "132 kV | 2.0 m"], region.RowTexts());
        Assert.DoesNotContain(lines.Where(l => l.Flow == 0), region.Contains);
    }

    [Fact]
    public void A_single_band_of_side_by_side_lines_is_not_a_table()
    {
        // "1." and "Introduction" of a numbered heading set apart: one band, no second row.
        LayoutLine[] lines =
        [
            Line(54, 100, "1.", flow: 0, width: 8),
            Line(73, 100, "Introduction", flow: 1, width: 60),
            Line(54, 120, "Dynamic languages such as JavaScript are popular since they are expressive", flow: 2, width: 480),
        ];

        Assert.Empty(TableRowFinder.Find(lines));
    }

    private static LayoutLine Line(double left, double top, string text, int flow, double width = 80) =>
        new(left, top, left + width, top + LineHeight, text, text.Split(' ').Length, flow, flow);
}

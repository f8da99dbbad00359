using SlmRag.Core.Extraction;
using SlmRag.Testing;

namespace SlmRag.Ingestion.Tests.Extraction;

/// <summary>PDF tables come out as one TableRow block per row ("cell | cell | cell"), prose as paragraphs.</summary>
public sealed class PdfTableRowTests
{
    [Fact]
    public async Task A_table_of_the_handbook_pdf_comes_out_row_by_row_with_its_cells_in_order()
    {
        RepositoryPaths.RequireTool("pdftotext");
        using var extract = new Extract();
        var document = await extract.FileAsync(Path.Combine(RepositoryPaths.Corpora, "handbook", "people", "employee-handbook.pdf"));

        var rows = Blocks(document, BlockKind.TableRow);
        Assert.Equal(
            [
                "Years of service | Notice by the employee | Notice by the employer",
                "Less than 5 years | 1 month | 1 month",
                "5 to 10 years | 1 month | 2 months",
                "10 to 15 years | 1 month | 3 months",
                "15 years or more | 1 month | 4 months",
            ],
            rows.Select(r => r.Text));
        var row = rows.Single(r => r.Text.StartsWith("10 to 15", StringComparison.Ordinal));
        Assert.Equal(3, document.Pages.Single(p => p.Start <= row.Block.Start && row.Block.End <= p.End).Number);
        Assert.Equal(["5 Notice periods"], row.Block.SectionPath);

        // The text around the table keeps its shape: the heading, and the sentence under the table as one paragraph.
        Assert.Contains(Blocks(document, BlockKind.Heading), h => h.Text == "5 Notice periods");
        Assert.Contains(Blocks(document, BlockKind.Paragraph), p => p.Text == "Notice is given in writing and ends on the last day of a calendar month.");
        Assert.Equal(5, document.PageCount);
        Assert.Equal("Employee Handbook", document.Title);
    }

    [Theory]
    [InlineData("finance/annual-report-2025.pdf", "Revenue | €38.2 million | €47.9 million")]
    [InlineData("finance/travel-insurance.pdf", "Baggage | €3,000 per trip; €750 per laptop or phone")]
    [InlineData("office/health-and-safety.pdf", "Fire, ambulance, police | 112")]
    public async Task Two_and_three_column_tables_of_other_pdfs_come_out_as_rows(string file, string expectedRow)
    {
        RepositoryPaths.RequireTool("pdftotext");
        using var extract = new Extract();
        var document = await extract.FileAsync(Path.Combine(RepositoryPaths.Corpora, "handbook", file));

        Assert.Contains(Blocks(document, BlockKind.TableRow), r => r.Text == expectedRow);
        // Paragraphs do not become rows: every row of these documents has a cell per column of its table.
        Assert.All(Blocks(document, BlockKind.Paragraph), p => Assert.DoesNotContain(" | ", p.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_two_column_paper_keeps_its_paragraphs_and_gains_no_rows()
    {
        RepositoryPaths.RequireTool("pdftotext");
        var file = Path.Combine(RepositoryPaths.RequireShared("documents", "pdf-real"), "tracemonkey_a11y.pdf");
        using var extract = new Extract();
        var document = await extract.FileAsync(file);

        Assert.Empty(Blocks(document, BlockKind.TableRow));
        // A paragraph of the left column is whole, not interleaved with lines of the right column.
        Assert.Contains(Blocks(document, BlockKind.Paragraph),
            p => p.Text.StartsWith("Dynamic languages such as JavaScript are more difficult to compile than statically typed ones.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_table_inside_a_two_column_document_comes_out_as_rows_and_its_columns_of_text_as_paragraphs()
    {
        RepositoryPaths.RequireTool("pdftotext");
        var file = Path.Combine(RepositoryPaths.RequireShared("documents", "pdf-samples-with-expectations"), "026-latex-multicolumn", "multicolumn.pdf");
        using var extract = new Extract();
        var document = await extract.FileAsync(file);

        var rows = Blocks(document, BlockKind.TableRow).Select(r => r.Text).ToList();
        Assert.Contains("Austria | 8.9 | 83,879 | Vienna | German", rows);
        Assert.Contains("Belgium | 11.5 | 30,689 | Brussels | Dutch, French, German", rows);
        Assert.Equal(6, rows.Count);
        Assert.Contains(Blocks(document, BlockKind.Paragraph), p => p.Text.StartsWith("This is a sample document with two columns", StringComparison.Ordinal));
    }

    private static List<(TextBlock Block, string Text)> Blocks(ExtractedDocument document, BlockKind kind) =>
        document.Blocks.Where(b => b.Kind == kind).Select(b => (b, document.Text[b.Start..b.End])).ToList();
}

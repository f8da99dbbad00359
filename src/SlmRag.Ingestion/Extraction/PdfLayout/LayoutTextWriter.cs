using SlmRag.Core.Documents;
using SlmRag.Core.Extraction;

namespace SlmRag.Ingestion.Extraction.PdfLayout;

/// <summary>
/// Writes a positioned PDF as blocks: each flow (pdftotext's column of text) a paragraph, as its plain text
/// output does, except lines that form a table, which become one table row each where the table starts.
/// </summary>
internal static class LayoutTextWriter
{
    public static ExtractedDocument Write(LayoutDocument layout, string fileName, int maxCharacters)
    {
        var builder = new ExtractedTextBuilder(maxCharacters);
        for (var i = 0; i < layout.Pages.Count; i++)
        {
            builder.BeginPage(i + 1);
            WritePage(builder, layout.Pages[i].Lines);
            builder.EndPage();
        }

        return PdfParagraphs.Finish(builder, layout.Title, fileName);
    }

    private static void WritePage(ExtractedTextBuilder builder, IReadOnlyList<LayoutLine> lines)
    {
        var tables = TableRowFinder.Find(lines);
        var written = new HashSet<TableRegion>();
        var paragraph = new List<string>();
        var flow = int.MinValue;
        foreach (var line in lines)
        {
            if (line.Flow != flow)
            {
                Flush(builder, paragraph);
                flow = line.Flow;
            }

            var table = tables.FirstOrDefault(t => t.Contains(line));
            if (table is null)
            {
                paragraph.Add(line.Text.Trim());
                continue;
            }

            Flush(builder, paragraph);
            if (written.Add(table))
            {
                foreach (var row in table.RowTexts())
                {
                    builder.Add(BlockKind.TableRow, row);
                }
            }
        }

        Flush(builder, paragraph);
    }

    private static void Flush(ExtractedTextBuilder builder, List<string> paragraph)
    {
        PdfParagraphs.Add(builder, paragraph.Where(l => l.Length > 0).ToList());
        paragraph.Clear();
    }
}

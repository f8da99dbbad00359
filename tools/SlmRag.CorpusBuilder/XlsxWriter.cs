using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SlmRag.CorpusBuilder;

/// <summary>Writes a workbook with one sheet per second-level heading, holding that section's table.</summary>
internal static class XlsxWriter
{
    public static void Write(SourceDocument source, string path)
    {
        using var spreadsheet = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        spreadsheet.PackageProperties.Title = source.Title;
        var workbook = spreadsheet.AddWorkbookPart();
        workbook.Workbook = new Workbook(new Sheets());
        uint sheetId = 1;
        string? sheetName = null;
        foreach (var block in source.Blocks)
        {
            if (block.Kind == SourceBlockKind.Heading2)
            {
                sheetName = block.Text;
            }
            else if (block.Kind == SourceBlockKind.Table && sheetName is not null)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                uint rowIndex = 1;
                foreach (var cells in block.Rows!)
                {
                    var row = new Row { RowIndex = rowIndex };
                    for (var c = 0; c < cells.Length; c++)
                    {
                        row.Append(new Cell
                        {
                            CellReference = $"{(char)('A' + c)}{rowIndex}",
                            DataType = CellValues.InlineString,
                            InlineString = new InlineString(new Text(cells[c])),
                        });
                    }

                    data.Append(row);
                    rowIndex++;
                }

                part.Worksheet = new Worksheet(data);
                workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = sheetId++, Name = sheetName });
            }
        }

        workbook.Workbook.Save();
    }
}

using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using SlmRag.Core.Extraction;
using SlmRag.Core.Documents;

namespace SlmRag.Ingestion.Extraction;

/// <summary>
/// Excel workbooks: one section per worksheet, one table row per sheet row (cells in column order,
/// gaps kept as empty cells), shared and inline strings resolved, built-in date formats shown as dates.
/// </summary>
internal sealed class XlsxExtractor(ExtractionLimits limits) : IDocumentExtractor
{
    public IReadOnlyCollection<SourceFormat> Formats { get; } = [SourceFormat.Xlsx];

    public string Version => "xlsx-1";

    public Task<ExtractedDocument> ExtractAsync(ExtractionInput input, CancellationToken cancellationToken) =>
        Task.Run(() => OfficeErrors.Guard(() => Extract(input, cancellationToken)), cancellationToken);

    private ExtractedDocument Extract(ExtractionInput input, CancellationToken cancellationToken)
    {
        using var spreadsheet = SpreadsheetDocument.Open(input.FilePath, false);
        var workbook = spreadsheet.WorkbookPart ?? throw new InvalidDataException("The package has no workbook part.");
        var strings = SharedStrings(workbook);
        var dateStyles = DateStyleIndexes(workbook);
        var builder = new ExtractedTextBuilder(limits.MaxCharacters);
        foreach (var sheet in workbook.Workbook?.Sheets?.Elements<Sheet>() ?? [])
        {
            if (sheet.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
            {
                continue; // chart sheets and dialog sheets hold no cell text
            }

            OfficeStreaming.Check(part, limits);
            builder.Heading(1, sheet.Name?.Value ?? "Sheet");
            foreach (var row in OfficeStreaming.ChildrenOf<SheetData>(part).OfType<Row>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var cells = new List<string>();
                foreach (var cell in row.Elements<Cell>())
                {
                    var column = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
                    while (cells.Count < column)
                    {
                        cells.Add(string.Empty);
                    }

                    cells.Add(CellText(cell, strings, dateStyles));
                }

                while (cells.Count > 0 && cells[^1].Length == 0)
                {
                    cells.RemoveAt(cells.Count - 1);
                }

                if (cells.Any(c => c.Length > 0))
                {
                    builder.Add(BlockKind.TableRow, string.Join(" | ", cells));
                }
            }
        }

        return builder.Build(SourceFormat.Xlsx, spreadsheet.PackageProperties.Title, input.FileName);
    }

    /// <summary>The shared string table, streamed item by item and bounded like the extracted text.</summary>
    private string[] SharedStrings(WorkbookPart workbook)
    {
        if (workbook.SharedStringTablePart is not { } part)
        {
            return [];
        }

        OfficeStreaming.Check(part, limits);
        var strings = new List<string>();
        long characters = 0;
        foreach (var item in OfficeStreaming.ChildrenOf<SharedStringTable>(part).OfType<SharedStringItem>())
        {
            var text = item.InnerText;
            characters += text.Length;
            if (characters > limits.MaxCharacters)
            {
                throw new Core.Ingestion.IngestionException(Core.Ingestion.IngestionError.TooLarge,
                    $"The workbook's shared strings pass {limits.MaxCharacters:N0} characters (Ingestion:MaxExtractedCharacters).");
            }

            strings.Add(text);
        }

        return [.. strings];
    }

    private static string CellText(Cell cell, string[] strings, HashSet<uint> dateStyles)
    {
        var raw = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < strings.Length ? strings[index] : string.Empty;
        }

        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? string.Empty;
        }

        if (type == CellValues.Boolean)
        {
            return raw == "1" ? "TRUE" : "FALSE";
        }

        if (raw is not null && cell.StyleIndex?.Value is { } style && dateStyles.Contains(style)
            && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 0 and < 2958466)
        {
            var date = DateTime.FromOADate(serial);
            return date.TimeOfDay == TimeSpan.Zero ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : date.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        }

        return raw ?? string.Empty;
    }

    /// <summary>Cell style indexes whose number format is a date (built-in ids 14-22, 45-47, or a custom format with y/m/d).</summary>
    private static HashSet<uint> DateStyleIndexes(WorkbookPart workbook)
    {
        var stylesheet = workbook.WorkbookStylesPart?.Stylesheet;
        var customDates = stylesheet?.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.FormatCode?.Value is { } code && IsDateFormat(code))
            .Select(f => f.NumberFormatId?.Value ?? 0).ToHashSet() ?? [];
        var result = new HashSet<uint>();
        uint index = 0;
        foreach (var format in stylesheet?.CellFormats?.Elements<CellFormat>() ?? [])
        {
            var id = format.NumberFormatId?.Value ?? 0;
            if (id is >= 14 and <= 22 or >= 45 and <= 47 || customDates.Contains(id))
            {
                result.Add(index);
            }

            index++;
        }

        return result;
    }

    private static bool IsDateFormat(string code)
    {
        var unquoted = System.Text.RegularExpressions.Regex.Replace(code, "\"[^\"]*\"|\\[[^\\]]*\\]", string.Empty).ToLowerInvariant();
        return unquoted.Contains('y') || (unquoted.Contains('d') && unquoted.Contains('m'));
    }

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var column = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter))
        {
            column = (column * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        // Guards against absurd references ("XFD1048576" is Excel's maximum) that would pad millions of empty cells.
        return column is > 0 and <= 16384 ? column - 1 : null;
    }
}

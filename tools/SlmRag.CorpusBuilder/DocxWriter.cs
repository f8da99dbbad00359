using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace SlmRag.CorpusBuilder;

/// <summary>Writes a Word document with real heading styles and tables, as an author in Word would.</summary>
internal static class DocxWriter
{
    public static void Write(SourceDocument source, string path)
    {
        using var document = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document);
        document.PackageProperties.Title = source.Title;
        document.PackageProperties.Creator = "Lumenfield Analytics";
        var main = document.AddMainDocumentPart();
        AddStyles(main);
        var body = new Body();
        foreach (var block in source.Blocks)
        {
            switch (block.Kind)
            {
                case SourceBlockKind.Heading1:
                    body.Append(Paragraph(block.Text, "Heading1"));
                    break;
                case SourceBlockKind.Heading2:
                    body.Append(Paragraph(block.Text, "Heading2"));
                    break;
                case SourceBlockKind.Bullet:
                    body.Append(Paragraph("• " + block.Text, "ListParagraph"));
                    break;
                case SourceBlockKind.Paragraph:
                    body.Append(Paragraph(block.Text, null));
                    break;
                case SourceBlockKind.Table:
                    body.Append(Table(block.Rows!));
                    body.Append(Paragraph(string.Empty, null));
                    break;
            }
        }

        main.Document = new Document(body);
        main.Document.Save();
    }

    private static Paragraph Paragraph(string text, string? style)
    {
        var paragraph = new Paragraph(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        if (style is not null)
        {
            paragraph.PrependChild(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        }

        return paragraph;
    }

    private static Table Table(IReadOnlyList<string[]> rows)
    {
        var border = new EnumValue<BorderValues>(BorderValues.Single);
        var table = new Table(new TableProperties(
            new TableBorders(
                new TopBorder { Val = border, Size = 4 }, new BottomBorder { Val = border, Size = 4 },
                new LeftBorder { Val = border, Size = 4 }, new RightBorder { Val = border, Size = 4 },
                new InsideHorizontalBorder { Val = border, Size = 4 }, new InsideVerticalBorder { Val = border, Size = 4 }),
            new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }));
        foreach (var row in rows)
        {
            table.Append(new TableRow(row.Select(cell => new TableCell(Paragraph(cell, null)))));
        }

        return table;
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            HeadingStyle("Heading1", "heading 1", 32, 0),
            HeadingStyle("Heading2", "heading 2", 26, 1),
            new Style(new StyleName { Val = "List Paragraph" }, new StyleParagraphProperties(new Indentation { Left = "720" }))
            {
                Type = StyleValues.Paragraph,
                StyleId = "ListParagraph",
            });
        styles.Styles.Save();
    }

    private static Style HeadingStyle(string id, string name, int halfPoints, int outline) =>
        new(
            new StyleName { Val = name },
            new StyleParagraphProperties(new OutlineLevel { Val = outline }, new SpacingBetweenLines { Before = "240", After = "120" }),
            new StyleRunProperties(new Bold(), new FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        {
            Type = StyleValues.Paragraph,
            StyleId = id,
        };
}

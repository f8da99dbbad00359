using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using SlmRag.Core.Extraction;
using SlmRag.Core.Documents;

namespace SlmRag.Ingestion.Extraction;

/// <summary>Word documents through the Open XML SDK: heading styles become the section path, tables become rows.</summary>
internal sealed class DocxExtractor(ExtractionLimits limits) : IDocumentExtractor
{
    public IReadOnlyCollection<SourceFormat> Formats { get; } = [SourceFormat.Docx];

    public string Version => "docx-1";

    public Task<ExtractedDocument> ExtractAsync(ExtractionInput input, CancellationToken cancellationToken) =>
        Task.Run(() => OfficeErrors.Guard(() => Extract(input, cancellationToken)), cancellationToken);

    private ExtractedDocument Extract(ExtractionInput input, CancellationToken cancellationToken)
    {
        using var word = WordprocessingDocument.Open(input.FilePath, false);
        var main = word.MainDocumentPart ?? throw new InvalidDataException("The package has no main document part.");
        OfficeStreaming.Check(main, limits);
        if (main.StyleDefinitionsPart is { } styles)
        {
            OfficeStreaming.Check(styles, limits);
        }

        var headingLevels = HeadingLevels(main);
        var builder = new ExtractedTextBuilder(limits.MaxCharacters);
        string? styledTitle = null;
        foreach (var element in OfficeStreaming.ChildrenOf<Body>(main).SelectMany(FlattenSelf))
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (element)
            {
                case Paragraph paragraph:
                    var text = ParagraphText(paragraph);
                    if (HeadingLevel(paragraph, headingLevels) is { } level)
                    {
                        if (level == 0)
                        {
                            styledTitle ??= ExtractedTextBuilder.Normalize(text);
                            builder.Heading(1, text);
                        }
                        else
                        {
                            builder.Heading(level, text);
                        }
                    }
                    else
                    {
                        builder.Add(paragraph.ParagraphProperties?.NumberingProperties is null ? BlockKind.Paragraph : BlockKind.ListItem, text);
                    }

                    break;
                case Table table:
                    foreach (var row in table.Elements<TableRow>())
                    {
                        builder.Add(BlockKind.TableRow, string.Join(" | ", row.Elements<TableCell>().Select(c => ExtractedTextBuilder.Normalize(string.Join(' ', c.Descendants<Paragraph>().Select(ParagraphText))))));
                    }

                    break;
            }
        }

        var title = word.PackageProperties.Title;
        return builder.Build(SourceFormat.Docx, string.IsNullOrWhiteSpace(title) ? styledTitle : title, input.FileName);
    }

    /// <summary>0 for a title, 1-9 for headings, null for body text.</summary>
    private static int? HeadingLevel(Paragraph paragraph, Dictionary<string, int> styleLevels)
    {
        var styleId = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
        if (styleId is not null && styleLevels.TryGetValue(styleId, out var level))
        {
            return level;
        }

        // Outline level 9 is Word's "body text".
        return paragraph.ParagraphProperties?.OutlineLevel?.Val?.Value is { } outline && outline < 9 ? outline + 1 : null;
    }

    private static IEnumerable<OpenXmlElement> FlattenSelf(OpenXmlElement element) =>
        element is Paragraph or Table ? [element] : element is SdtBlock or SdtContentBlock or CustomXmlBlock ? Flatten(element) : [];

    /// <summary>Paragraphs and tables in reading order, looking through content controls (nesting is bounded by the structure check).</summary>
    private static IEnumerable<OpenXmlElement> Flatten(OpenXmlElement container)
    {
        foreach (var child in container.ChildElements)
        {
            if (child is Paragraph or Table)
            {
                yield return child;
            }
            else if (child is SdtBlock or SdtContentBlock or CustomXmlBlock)
            {
                foreach (var nested in Flatten(child))
                {
                    yield return nested;
                }
            }
        }
    }

    private static string ParagraphText(Paragraph paragraph)
    {
        var text = new StringBuilder();
        foreach (var node in paragraph.Descendants())
        {
            // Drawings come twice (a DrawingML choice and a VML fallback); read only the choice.
            if (node.Ancestors<AlternateContentFallback>().Any())
            {
                continue;
            }

            switch (node)
            {
                case Text t:
                    text.Append(t.Text);
                    break;
                case TabChar:
                    text.Append(' ');
                    break;
                case Break or CarriageReturn:
                    text.Append(' ');
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>Style id to heading level (0 for Title), from the style names so localized ids still work.</summary>
    private static Dictionary<string, int> HeadingLevels(MainDocumentPart part)
    {
        var levels = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var styles = part.StyleDefinitionsPart?.Styles?.Elements<Style>() ?? [];
        foreach (var style in styles)
        {
            var id = style.StyleId?.Value;
            var name = style.StyleName?.Val?.Value?.ToLowerInvariant();
            if (id is null || name is null)
            {
                continue;
            }

            if (name == "title")
            {
                levels[id] = 0;
            }
            else if (name.StartsWith("heading ", StringComparison.Ordinal) && int.TryParse(name.AsSpan(8), out var level))
            {
                levels[id] = level;
            }
            else if (style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is { } outline && outline < 9)
            {
                levels[id] = outline + 1;
            }
        }

        for (var level = 1; level <= 9; level++)
        {
            levels.TryAdd($"Heading{level}", level);
        }

        levels.TryAdd("Title", 0);
        return levels;
    }
}

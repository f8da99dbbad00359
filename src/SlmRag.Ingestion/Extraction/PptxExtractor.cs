using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using SlmRag.Core.Extraction;
using A = DocumentFormat.OpenXml.Drawing;
using SlmRag.Core.Documents;
using P = DocumentFormat.OpenXml.Presentation;

namespace SlmRag.Ingestion.Extraction;

/// <summary>
/// PowerPoint through the Open XML SDK: one page per slide (so citations name the slide), the slide
/// title as the section, text frames as paragraphs, tables as rows, speaker notes last.
/// </summary>
internal sealed class PptxExtractor(ExtractionLimits limits) : IDocumentExtractor
{
    public IReadOnlyCollection<SourceFormat> Formats { get; } = [SourceFormat.Pptx];

    public string Version => "pptx-1";

    public Task<ExtractedDocument> ExtractAsync(ExtractionInput input, CancellationToken cancellationToken) =>
        Task.Run(() => OfficeErrors.Guard(() => Extract(input, cancellationToken)), cancellationToken);

    private ExtractedDocument Extract(ExtractionInput input, CancellationToken cancellationToken)
    {
        using var presentation = PresentationDocument.Open(input.FilePath, false);
        var part = presentation.PresentationPart ?? throw new InvalidDataException("The package has no presentation part.");
        var slideIds = part.Presentation?.SlideIdList?.Elements<P.SlideId>() ?? [];
        var builder = new ExtractedTextBuilder(limits.MaxCharacters);
        string? firstTitle = null;
        var number = 0;
        foreach (var slideId in slideIds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (slideId.RelationshipId?.Value is not { } rel || part.GetPartById(rel) is not SlidePart slide)
            {
                continue;
            }

            OfficeStreaming.Check(slide, limits);
            if (slide.NotesSlidePart is { } notesPart)
            {
                OfficeStreaming.Check(notesPart, limits);
            }

            number++;
            builder.BeginPage(number);
            var shapes = slide.Slide?.CommonSlideData?.ShapeTree;
            var titleShape = shapes?.Descendants<P.Shape>().FirstOrDefault(IsTitle);
            var title = titleShape is null ? string.Empty : ExtractedTextBuilder.Normalize(string.Join(' ', titleShape.Descendants<A.Paragraph>().Select(ParagraphText)));
            firstTitle ??= title.Length > 0 ? title : null;
            builder.Heading(1, title.Length > 0 ? $"Slide {number}: {title}" : $"Slide {number}");
            if (shapes is not null)
            {
                AddShapes(shapes, titleShape, builder);
            }

            var notes = slide.NotesSlidePart?.NotesSlide?.CommonSlideData?.ShapeTree?.Descendants<P.Shape>()
                .Where(s => s.NonVisualShapeProperties?.ApplicationNonVisualDrawingProperties?.PlaceholderShape?.Type?.Value == P.PlaceholderValues.Body);
            foreach (var paragraph in notes?.SelectMany(s => s.Descendants<A.Paragraph>()) ?? [])
            {
                builder.Add(BlockKind.Paragraph, ParagraphText(paragraph));
            }

            builder.EndPage();
        }

        var packageTitle = presentation.PackageProperties.Title;
        return builder.Build(SourceFormat.Pptx, string.IsNullOrWhiteSpace(packageTitle) ? firstTitle : packageTitle, input.FileName);
    }

    private static void AddShapes(OpenXmlElement tree, P.Shape? titleShape, ExtractedTextBuilder builder)
    {
        foreach (var element in tree.ChildElements)
        {
            switch (element)
            {
                case P.Shape shape when shape != titleShape:
                    foreach (var paragraph in shape.TextBody?.Elements<A.Paragraph>() ?? [])
                    {
                        builder.Add(paragraph.ParagraphProperties?.Level is not null || paragraph.ParagraphProperties?.GetFirstChild<A.CharacterBullet>() is not null ? BlockKind.ListItem : BlockKind.Paragraph, ParagraphText(paragraph));
                    }

                    break;
                case P.GraphicFrame frame:
                    foreach (var row in frame.Descendants<A.TableRow>())
                    {
                        builder.Add(BlockKind.TableRow, string.Join(" | ", row.Elements<A.TableCell>().Select(c => ExtractedTextBuilder.Normalize(string.Join(' ', c.Descendants<A.Paragraph>().Select(ParagraphText))))));
                    }

                    break;
                case P.GroupShape group:
                    AddShapes(group, titleShape, builder);
                    break;
            }
        }
    }

    private static bool IsTitle(P.Shape shape)
    {
        var type = shape.NonVisualShapeProperties?.ApplicationNonVisualDrawingProperties?.PlaceholderShape?.Type?.Value;
        return type == P.PlaceholderValues.Title || type == P.PlaceholderValues.CenteredTitle;
    }

    private static string ParagraphText(A.Paragraph paragraph) =>
        string.Concat(paragraph.Descendants().Select(n => n switch
        {
            A.Text t => t.Text,
            A.Break => " ",
            _ => string.Empty,
        }));
}

using System.Text.RegularExpressions;
using SlmRag.Core.Documents;
using SlmRag.Core.Extraction;
using SlmRag.Core.Ingestion;
using SlmRag.Ingestion.Extraction.PdfLayout;

namespace SlmRag.Ingestion.Extraction;

/// <summary>
/// What every PDF reader path shares: a paragraph whose first line is a numbered heading becomes a heading
/// plus the rest, and a document with almost no text is refused as having no text layer.
/// </summary>
internal static partial class PdfParagraphs
{
    public static void Add(ExtractedTextBuilder builder, IReadOnlyList<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        if (NumberedHeading().Match(lines[0]) is { Success: true } heading && IsHeadingLine(lines))
        {
            builder.Heading(heading.Groups[1].Value.Count(c => c == '.') + 1, lines[0]);
            lines = lines.Skip(1).ToList();
        }

        builder.Add(BlockKind.Paragraph, LineJoiner.Join(lines));
    }

    public static ExtractedDocument Finish(ExtractedTextBuilder builder, string? title, string fileName)
    {
        var document = builder.Build(SourceFormat.Pdf, string.IsNullOrWhiteSpace(title) ? null : title, fileName);
        if (document.Text.Count(char.IsLetterOrDigit) < 3)
        {
            throw new IngestionException(IngestionError.NoExtractableText,
                "The PDF has no text layer (a scan or images only?); OCR is not supported.");
        }

        return document;
    }

    /// <summary>
    /// A numbered line is a heading when it stands alone, or when it is short, ends without punctuation and
    /// the next line starts a new sentence (pdftotext often puts a heading and its first paragraph together).
    /// </summary>
    private static bool IsHeadingLine(IReadOnlyList<string> lines) =>
        lines.Count == 1
        || (lines[0].Length <= 60 && !char.IsPunctuation(lines[0][^1]) && lines[1].Length > 0 && char.IsUpper(lines[1][0]));

    /// <summary>"2.1 Travel expenses": a numbered line without a final period, up to 12 words.</summary>
    [GeneratedRegex(@"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+\p{Lu}[^.]{0,100}$")]
    private static partial Regex NumberedHeading();
}

using System.Text.RegularExpressions;
using SlmRag.Core.Documents;
using SlmRag.Core.Extraction;
using SlmRag.Ingestion.Detection;

namespace SlmRag.Ingestion.Extraction;

/// <summary>
/// Plain text: paragraphs are runs of lines separated by blank lines, and a run's line structure is kept where
/// it carries meaning (<see cref="PlainTextLines"/>): a heading line (capitals, or underlined with = or -) opens
/// a section, and the lines of a price list with dot leaders, of aligned columns or of a bulleted list stay
/// separate items instead of being joined into one paragraph.
/// </summary>
internal sealed partial class PlainTextExtractor(ExtractionLimits limits) : IDocumentExtractor
{
    public IReadOnlyCollection<SourceFormat> Formats { get; } = [SourceFormat.PlainText];

    public string Version => "text-2";

    public async Task<ExtractedDocument> ExtractAsync(ExtractionInput input, CancellationToken cancellationToken)
    {
        var text = TextDecoding.Decode(await File.ReadAllBytesAsync(input.FilePath, cancellationToken));
        var builder = new ExtractedTextBuilder(limits.MaxCharacters);
        var first = true;
        foreach (var paragraph in BlankLines().Split(text.Replace("\r\n", "\n", StringComparison.Ordinal)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var (kind, level, block) in PlainTextLines.Blocks(paragraph, first))
            {
                if (kind == BlockKind.Heading)
                {
                    builder.Heading(level, block);
                }
                else
                {
                    builder.Add(kind, block);
                }
            }

            first &= paragraph.Trim().Length == 0;
        }

        return builder.Build(SourceFormat.PlainText, null, input.FileName);
    }

    [GeneratedRegex(@"\n[ \t]*\n")]
    private static partial Regex BlankLines();
}

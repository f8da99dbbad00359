using System.Text.RegularExpressions;
using SlmRag.Core.Documents;
using SlmRag.Core.Extraction;
using SlmRag.Ingestion.Detection;

namespace SlmRag.Ingestion.Extraction;

/// <summary>Plain text: paragraphs are runs of lines separated by blank lines.</summary>
internal sealed partial class PlainTextExtractor(ExtractionLimits limits) : IDocumentExtractor
{
    public IReadOnlyCollection<SourceFormat> Formats { get; } = [SourceFormat.PlainText];

    public string Version => "text-1";

    public async Task<ExtractedDocument> ExtractAsync(ExtractionInput input, CancellationToken cancellationToken)
    {
        var text = TextDecoding.Decode(await File.ReadAllBytesAsync(input.FilePath, cancellationToken));
        var builder = new ExtractedTextBuilder(limits.MaxCharacters);
        foreach (var paragraph in BlankLines().Split(text.Replace("\r\n", "\n", StringComparison.Ordinal)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            builder.Add(BlockKind.Paragraph, paragraph);
        }

        return builder.Build(SourceFormat.PlainText, null, input.FileName);
    }

    [GeneratedRegex(@"\n[ \t]*\n")]
    private static partial Regex BlankLines();
}

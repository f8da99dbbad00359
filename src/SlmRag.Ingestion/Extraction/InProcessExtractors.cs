using Microsoft.Extensions.Options;
using SlmRag.Core.Extraction;

namespace SlmRag.Ingestion.Extraction;

/// <summary>Every format's extractor, for the sandboxed child (which has no service container).</summary>
internal static class InProcessExtractors
{
    public static IReadOnlyList<IDocumentExtractor> Create(IOptions<IngestionOptions> options)
    {
        var limits = new ExtractionLimits(options);
        return
        [
            new PlainTextExtractor(limits), new MarkdownExtractor(limits), new HtmlExtractor(limits),
            new DocxExtractor(limits), new PptxExtractor(limits), new XlsxExtractor(limits), new PdfExtractor(options),
        ];
    }
}

namespace SlmRag.Ingestion.Extraction.PdfLayout;

/// <summary>A page's lines in pdftotext's reading order (flow by flow, block by block).</summary>
internal sealed record LayoutPage(IReadOnlyList<LayoutLine> Lines);

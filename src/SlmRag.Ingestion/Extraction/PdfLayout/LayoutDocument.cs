namespace SlmRag.Ingestion.Extraction.PdfLayout;

/// <summary>The pages of a PDF with their positioned lines, and the title from its document information.</summary>
internal sealed record LayoutDocument(string? Title, IReadOnlyList<LayoutPage> Pages);

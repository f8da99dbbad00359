namespace SlmRag.Ingestion;

/// <summary><c>Ingestion:Pdf</c>: the poppler and qpdf tools run per document.</summary>
public sealed class PdfOptions
{
    public string PdftotextPath { get; set; } = "pdftotext";

    /// <summary>qpdf decrypts password-protected files (pdftotext 22.12 fails on several AES/RC4 files).</summary>
    public string QpdfPath { get; set; } = "qpdf";

    public int TimeoutSeconds { get; set; } = 60;
}

namespace SlmRag.Core.Documents;

/// <summary>The document formats SlmRag extracts, detected from content.</summary>
public enum SourceFormat
{
    PlainText,
    Markdown,
    Html,
    Pdf,
    Docx,
    Pptx,
    Xlsx,
}

namespace SlmRag.Ingestion;

/// <summary>
/// <c>Ingestion:Limits</c>: structure limits checked while a document is read, so memory and time follow
/// the size of what is kept, not the cleverness of the file (deeply nested markup, millions of elements).
/// </summary>
public sealed class ExtractionLimitOptions
{
    /// <summary>Deepest nesting of elements (HTML, Office XML) or containers (Markdown quotes and lists). Browsers stop at 512.</summary>
    public int MaxNestingDepth { get; set; } = 256;

    /// <summary>Most elements (HTML elements, Office XML elements, spreadsheet cells) read from one document.</summary>
    public int MaxElements { get; set; } = 5_000_000;
}

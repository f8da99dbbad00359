using SlmRag.Core.Documents;

namespace SlmRag.Core.Extraction;

/// <summary>
/// The text of a document with its structure. Every <see cref="TextBlock"/> and <see cref="PageSpan"/>
/// points into <see cref="Text"/> by character offsets, so chunks and citations can be traced back exactly.
/// </summary>
public sealed record ExtractedDocument(
    SourceFormat Format,
    string Title,
    string Text,
    IReadOnlyList<TextBlock> Blocks,
    IReadOnlyList<PageSpan> Pages)
{
    /// <summary>Number of pages (PDF pages, slides); zero for formats without pages.</summary>
    public int PageCount => Pages.Count;
}

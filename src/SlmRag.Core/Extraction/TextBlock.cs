namespace SlmRag.Core.Extraction;

/// <summary>A paragraph-like unit of extracted text: [Start, End) in the document text, under a section path.</summary>
public sealed record TextBlock(int Start, int End, BlockKind Kind, IReadOnlyList<string> SectionPath)
{
    public int Length => End - Start;
}

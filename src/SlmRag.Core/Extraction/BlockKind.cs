namespace SlmRag.Core.Extraction;

public enum BlockKind
{
    Heading,
    Paragraph,
    ListItem,
    TableRow,
    Code,
    Quote,
}

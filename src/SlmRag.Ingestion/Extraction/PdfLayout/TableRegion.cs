namespace SlmRag.Ingestion.Extraction.PdfLayout;

/// <summary>Rows of cells found on one page, top to bottom, each row's cells left to right.</summary>
internal sealed class TableRegion(IReadOnlyList<IReadOnlyList<TableCell>> rows)
{
    private readonly HashSet<LayoutLine> _lines = rows.SelectMany(r => r).SelectMany(c => c.Lines).ToHashSet<LayoutLine>(ReferenceEqualityComparer.Instance);

    public IReadOnlyList<IReadOnlyList<TableCell>> Rows => rows;

    public bool Contains(LayoutLine line) => _lines.Contains(line);

    /// <summary>Rows written as the other formats write them: "cell | cell | cell".</summary>
    public IEnumerable<string> RowTexts() => rows.Select(r => string.Join(" | ", r.Select(c => c.Text)));
}

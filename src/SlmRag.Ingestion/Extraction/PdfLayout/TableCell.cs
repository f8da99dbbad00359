namespace SlmRag.Ingestion.Extraction.PdfLayout;

/// <summary>One cell of a reconstructed table row: the lines (a wrapped cell has several) of one column.</summary>
internal sealed class TableCell(LayoutLine first)
{
    private readonly List<LayoutLine> _lines = [first];

    public IReadOnlyList<LayoutLine> Lines => _lines;

    public double Left { get; private set; } = first.Left;

    public double Right { get; private set; } = first.Right;

    public double Top { get; private set; } = first.Top;

    public double Bottom { get; private set; } = first.Bottom;

    public int WordCount => _lines.Sum(l => l.WordCount);

    public string Text => LineJoiner.Join(_lines.OrderBy(l => l.Top).ThenBy(l => l.Left).Select(l => l.Text));

    public void Add(LayoutLine line)
    {
        _lines.Add(line);
        Left = Math.Min(Left, line.Left);
        Right = Math.Max(Right, line.Right);
        Top = Math.Min(Top, line.Top);
        Bottom = Math.Max(Bottom, line.Bottom);
    }

    public bool OverlapsHorizontally(double left, double right) => Math.Min(Right, right) > Math.Max(Left, left);

    public bool OverlapsHorizontally(TableCell other) => OverlapsHorizontally(other.Left, other.Right);
}

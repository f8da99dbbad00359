namespace SlmRag.Ingestion.Extraction.PdfLayout;

/// <summary>
/// One text line of a PDF page as pdftotext's layout analysis found it: its box (points, y growing down),
/// its words joined, and the flow (column of text) and block it belongs to, in reading order.
/// </summary>
internal sealed record LayoutLine(double Left, double Top, double Right, double Bottom, string Text, int WordCount, int Flow, int Block)
{
    public double Height => Bottom - Top;

    /// <summary>Lines of one table row share a vertical band: they overlap by at least half the shorter one.</summary>
    public bool SharesBandWith(LayoutLine other) =>
        Math.Min(Bottom, other.Bottom) - Math.Max(Top, other.Top) >= 0.5 * Math.Min(Height, other.Height);
}

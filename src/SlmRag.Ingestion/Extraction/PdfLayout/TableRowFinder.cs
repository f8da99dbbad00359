namespace SlmRag.Ingestion.Extraction.PdfLayout;

/// <summary>
/// Finds table rows on a page from line positions. pdftotext (without -layout) gives every cell of a ruled or
/// spaced table its own paragraph, so the row "10 to 15 years | 1 month | 3 months" never exists as a unit.
/// Lines that share a vertical band and do not overlap horizontally are one row's cells; two or more such rows
/// stacked with their columns over each other are a table. Prose is kept out: lines of a flow that reads as
/// running text, cells on both sides of a gutter that the page's text lines keep to (two-column layouts),
/// and regions whose cells are mostly as long as text lines.
/// </summary>
internal static class TableRowFinder
{
    /// <summary>A line of running text holds at least this many words; table cells are mostly shorter.</summary>
    private const int TextLineWords = 6;

    /// <summary>A flow of at least this many lines, most of them text lines, is a paragraph, not cells.</summary>
    private const int ProseFlowLines = 3;

    /// <summary>Text lines on each side of a gap (and none across it) that make it a column gutter.</summary>
    private const int GutterLinesPerSide = 3;

    public static IReadOnlyList<TableRegion> Find(IReadOnlyList<LayoutLine> lines)
    {
        var proseFlows = lines.GroupBy(l => l.Flow)
            .Where(f => f.Count() >= ProseFlowLines && Median(f.Select(l => l.WordCount)) >= TextLineWords)
            .Select(f => f.Key).ToHashSet();
        var candidates = lines.Where(l => !proseFlows.Contains(l.Flow)).ToList();
        if (candidates.Count < 4)
        {
            return [];
        }

        var textLines = lines.Where(l => l.WordCount >= TextLineWords).ToList();
        var rows = Bands(candidates).SelectMany(b => SplitAtGutters(Cells(b), textLines))
            .OrderBy(r => r.Min(c => c.Top)).ThenBy(r => r[0].Left).ToList();
        var others = lines.Where(l => proseFlows.Contains(l.Flow)).ToList();
        return Regions(rows, others).Where(IsTable).Select(r => new TableRegion(r)).ToList();
    }

    /// <summary>Groups lines, top to bottom, with every line of a band sharing the band with the others.</summary>
    private static List<List<LayoutLine>> Bands(List<LayoutLine> candidates)
    {
        var bands = new List<List<LayoutLine>>();
        foreach (var line in candidates.OrderBy(l => l.Top).ThenBy(l => l.Left))
        {
            // Only recent bands can still share a band with a line further down.
            var band = bands.Skip(Math.Max(0, bands.Count - 3)).FirstOrDefault(b => b.TrueForAll(line.SharesBandWith));
            if (band is null)
            {
                bands.Add([line]);
            }
            else
            {
                band.Add(line);
            }
        }

        return bands;
    }

    /// <summary>Lines of a band left to right; lines over each other (overlapping text) are one cell.</summary>
    private static List<TableCell> Cells(List<LayoutLine> band)
    {
        var cells = new List<TableCell>();
        foreach (var line in band.OrderBy(l => l.Left))
        {
            if (cells.Count > 0 && cells[^1].OverlapsHorizontally(line.Left, line.Right))
            {
                cells[^1].Add(line);
            }
            else
            {
                cells.Add(new TableCell(line));
            }
        }

        return cells;
    }

    /// <summary>Cells on both sides of a text column gutter belong to different columns of text, not one row.</summary>
    private static IEnumerable<List<TableCell>> SplitAtGutters(List<TableCell> cells, List<LayoutLine> textLines)
    {
        var part = new List<TableCell> { cells[0] };
        foreach (var cell in cells.Skip(1))
        {
            if (IsGutter(part[^1].Right, cell.Left, textLines))
            {
                yield return part;
                part = [];
            }

            part.Add(cell);
        }

        yield return part;
    }

    private static bool IsGutter(double from, double to, List<LayoutLine> textLines) =>
        !textLines.Exists(l => l.Left < to && l.Right > from)
        && textLines.Count(l => l.Right <= from) >= GutterLinesPerSide
        && textLines.Count(l => l.Left >= to) >= GutterLinesPerSide;

    /// <summary>
    /// Runs of consecutive rows of two or more cells whose columns continue the row above. A single line just
    /// below a row, under one of its cells only, is that cell wrapping; anything else ends the run.
    /// </summary>
    private static List<List<IReadOnlyList<TableCell>>> Regions(List<List<TableCell>> rows, List<LayoutLine> others)
    {
        var regions = new List<List<IReadOnlyList<TableCell>>>();
        List<IReadOnlyList<TableCell>>? current = null;
        foreach (var row in rows)
        {
            var previous = current?[^1];
            if (row.Count >= 2)
            {
                if (current is not null && previous is not null && ContinuesColumns(previous, row) && !Interrupted(previous, row, others))
                {
                    current.Add(row);
                    continue;
                }

                current = [row];
                regions.Add(current);
                continue;
            }

            if (previous is not null && Wraps(previous, row[0]))
            {
                continue;
            }

            current = null;
        }

        return regions;
    }

    private static bool ContinuesColumns(IReadOnlyList<TableCell> previous, List<TableCell> row) =>
        row.Count(c => previous.Any(c.OverlapsHorizontally)) >= 2;

    /// <summary>A text line between two rows, across the table's width, ends the table.</summary>
    private static bool Interrupted(IReadOnlyList<TableCell> previous, List<TableCell> row, List<LayoutLine> others)
    {
        var above = previous.Max(c => c.Bottom);
        var below = row.Min(c => c.Top);
        var left = row.Min(c => c.Left);
        var right = row.Max(c => c.Right);
        return others.Exists(l => (l.Top + l.Bottom) / 2 > above && (l.Top + l.Bottom) / 2 < below && l.Left < right && l.Right > left);
    }

    /// <summary>Adds the cell to the one above it when it is the next line of that cell only.</summary>
    private static bool Wraps(IReadOnlyList<TableCell> previous, TableCell cell)
    {
        var line = cell.Lines[0];
        var over = previous.Where(c => c.OverlapsHorizontally(cell)).ToList();
        var rowBottom = previous.Max(c => c.Bottom);
        if (cell.Lines.Count != 1 || over.Count != 1 || line.Top - rowBottom > line.Height || line.Top < rowBottom - line.Height / 2)
        {
            return false;
        }

        over[0].Add(line);
        return true;
    }

    /// <summary>Two rows at least, and most cells shorter than a line of running text.</summary>
    private static bool IsTable(List<IReadOnlyList<TableCell>> rows)
    {
        var cells = rows.SelectMany(r => r).ToList();
        return rows.Count >= 2 && cells.Count(c => c.WordCount >= TextLineWords) * 2 < cells.Count;
    }

    private static double Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2.0;
    }
}

using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace SlmRag.CorpusBuilder;

/// <summary>
/// Lays a source out on A4 pages with PDFsharp: headings, wrapped paragraphs, bullet lists, ruled
/// tables, a running footer, and explicit page breaks so that the questions file can name pages.
/// </summary>
internal static class PdfWriter
{
    private const double Margin = 56;
    private const double Bottom = 842 - 70;

    public static IReadOnlyList<(string Heading, int Page)> Write(SourceDocument source, string path)
    {
        GlobalFontSettings.FontResolver ??= new DejaVuFontResolver();
        var body = new XFont("DejaVu Sans", 10.5, XFontStyleEx.Regular);
        var h1 = new XFont("DejaVu Sans", 18, XFontStyleEx.Bold);
        var h2 = new XFont("DejaVu Sans", 13, XFontStyleEx.Bold);
        var footer = new XFont("DejaVu Sans", 8, XFontStyleEx.Regular);
        using var document = new PdfDocument();
        document.Info.Title = source.Title;
        document.Info.Author = "Lumenfield Analytics";
        var headings = new List<(string, int)>();
        var page = document.AddPage();
        var gfx = XGraphics.FromPdfPage(page);
        var y = Margin;
        var width = page.Width.Point - (2 * Margin);

        void NewPage()
        {
            gfx.Dispose();
            page = document.AddPage();
            gfx = XGraphics.FromPdfPage(page);
            y = Margin;
        }

        void Lines(string text, XFont font, double indent, double after)
        {
            foreach (var line in Wrap(gfx, text, font, width - indent))
            {
                if (y + font.Height > Bottom)
                {
                    throw new InvalidOperationException($"'{source.Title}' overflows page {document.PageCount}; add a page break earlier.");
                }

                gfx.DrawString(line, font, XBrushes.Black, new XRect(Margin + indent, y, width - indent, font.Height), XStringFormats.TopLeft);
                y += font.Height * 1.25;
            }

            y += after;
        }

        foreach (var block in source.Blocks)
        {
            switch (block.Kind)
            {
                case SourceBlockKind.PageBreak:
                    NewPage();
                    break;
                case SourceBlockKind.Heading1:
                    Lines(block.Text, h1, 0, 10);
                    headings.Add((block.Text, document.PageCount));
                    break;
                case SourceBlockKind.Heading2:
                    y += 6;
                    Lines(block.Text, h2, 0, 4);
                    headings.Add((block.Text, document.PageCount));
                    break;
                case SourceBlockKind.Paragraph:
                    Lines(block.Text, body, 0, 8);
                    break;
                case SourceBlockKind.Bullet:
                    Lines("• " + block.Text, body, 12, 3);
                    break;
                case SourceBlockKind.Table:
                    y = DrawTable(gfx, block.Rows!, body, y, width);
                    y += 10;
                    break;
            }
        }

        gfx.Dispose();
        for (var i = 0; i < document.PageCount; i++)
        {
            using var pageGraphics = XGraphics.FromPdfPage(document.Pages[i]);
            pageGraphics.DrawString($"Lumenfield Analytics · {source.Title} · page {i + 1} of {document.PageCount}", footer, XBrushes.Gray,
                new XRect(Margin, 842 - 45, width, 12), XStringFormats.TopLeft);
        }

        document.Save(path);
        return headings;
    }

    private static double DrawTable(XGraphics gfx, IReadOnlyList<string[]> rows, XFont font, double y, double width)
    {
        var columns = rows.Max(r => r.Length);
        var cellWidth = width / columns;
        var bold = new XFont("DejaVu Sans", font.Size, XFontStyleEx.Bold);
        for (var r = 0; r < rows.Count; r++)
        {
            var cellFont = r == 0 ? bold : font;
            var wrapped = rows[r].Select(cell => Wrap(gfx, cell, cellFont, cellWidth - 8)).ToList();
            var height = (wrapped.Max(w => w.Count) * cellFont.Height * 1.2) + 6;
            if (y + height > Bottom)
            {
                throw new InvalidOperationException("A table overflows its page; add a page break before it.");
            }

            for (var c = 0; c < wrapped.Count; c++)
            {
                var x = Margin + (c * cellWidth);
                gfx.DrawRectangle(XPens.Gray, x, y, cellWidth, height);
                var lineY = y + 3;
                foreach (var line in wrapped[c])
                {
                    gfx.DrawString(line, cellFont, XBrushes.Black, new XRect(x + 4, lineY, cellWidth - 8, cellFont.Height), XStringFormats.TopLeft);
                    lineY += cellFont.Height * 1.2;
                }
            }

            y += height;
        }

        return y;
    }

    private static List<string> Wrap(XGraphics gfx, string text, XFont font, double width)
    {
        var lines = new List<string>();
        var current = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && gfx.MeasureString(candidate, font).Width > width)
            {
                lines.Add(current);
                current = word;
            }
            else
            {
                current = candidate;
            }
        }

        lines.Add(current);
        return lines;
    }

    /// <summary>PDFsharp has no system font access on Linux; DejaVu ships with Debian's fontconfig.</summary>
    private sealed class DejaVuFontResolver : IFontResolver
    {
        private const string Folder = "/usr/share/fonts/truetype/dejavu";

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

        public byte[]? GetFont(string faceName)
        {
            var path = Path.Combine(Folder, faceName + ".ttf");
            return File.Exists(path)
                ? File.ReadAllBytes(path)
                : throw new FileNotFoundException($"{path} is missing; install fonts-dejavu-core (apt-get install -y fonts-dejavu-core).");
        }
    }
}

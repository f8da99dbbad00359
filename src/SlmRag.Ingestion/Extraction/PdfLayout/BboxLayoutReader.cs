using System.Globalization;
using System.Text;
using System.Xml;
using SlmRag.Core.Ingestion;

namespace SlmRag.Ingestion.Extraction.PdfLayout;

/// <summary>
/// Reads <c>pdftotext -bbox-layout</c> output (XHTML: page, flow, block, line, word with boxes) as it streams
/// from the tool, so the markup (several times the size of the text) is never held whole. Words of a line are
/// joined with a space unless they touch (a word split by a font change, as pdftotext's own text does).
/// </summary>
internal static class BboxLayoutReader
{
    private static readonly XmlReaderSettings Settings = new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        // pdftotext copies control characters from broken text layers; they are dropped later, not fatal here.
        CheckCharacters = false,
        IgnoreWhitespace = true,
    };

    /// <exception cref="XmlException">The output is not the expected markup.</exception>
    public static async Task<LayoutDocument> ReadAsync(TextReader output, int maxCharacters, CancellationToken cancellationToken)
    {
        using var reader = XmlReader.Create(output, Settings);
        string? title = null;
        var pages = new List<LayoutPage>();
        List<LayoutLine>? lines = null;
        var flow = -1;
        var block = -1;
        var characters = 0L;
        while (await reader.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "page" && lines is not null)
            {
                pages.Add(new LayoutPage(lines));
                lines = null;
                continue;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (reader.LocalName)
            {
                case "title" when lines is null && pages.Count == 0:
                    title = await reader.ReadElementContentAsStringAsync();
                    break;
                case "page":
                    lines = [];
                    flow = -1;
                    block = -1;
                    if (reader.IsEmptyElement)
                    {
                        pages.Add(new LayoutPage(lines));
                        lines = null;
                    }

                    break;
                case "flow":
                    flow++;
                    break;
                case "block":
                    block++;
                    break;
                case "line" when lines is not null && !reader.IsEmptyElement:
                    var line = await ReadLineAsync(reader, flow, block);
                    characters += line.Text.Length + 1;
                    if (characters > maxCharacters)
                    {
                        throw new IngestionException(IngestionError.TooLarge, $"The extracted text passes {maxCharacters:N0} characters (Ingestion:MaxExtractedCharacters).");
                    }

                    if (line.WordCount > 0)
                    {
                        lines.Add(line);
                    }

                    break;
            }
        }

        return new LayoutDocument(title, pages);
    }

    private static async Task<LayoutLine> ReadLineAsync(XmlReader reader, int flow, int block)
    {
        var (left, top, right, bottom) = Box(reader);
        var touching = 0.02 * (bottom - top);
        var previous = (Left: 0.0, Top: 0.0, Right: 0.0, Bottom: 0.0);
        var text = new StringBuilder();
        var words = 0;
        var depth = reader.Depth;
        var more = await reader.ReadAsync();
        while (more && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "word" || reader.IsEmptyElement)
            {
                more = await reader.ReadAsync();
                continue;
            }

            var box = Box(reader);
            // Reading the content moves past the word's end tag, onto the next node.
            var word = await reader.ReadElementContentAsStringAsync();
            if (word.Length == 0)
            {
                continue;
            }

            text.Append(words > 0 && !Touches(previous, box, touching) ? " " : string.Empty).Append(word);
            previous = box;
            words++;
        }

        return new LayoutLine(left, top, right, bottom, text.ToString(), words, flow, block);
    }

    /// <summary>The next word starts where the last one ends, on the same band (rotated lines stack their words).</summary>
    private static bool Touches((double Left, double Top, double Right, double Bottom) last, (double Left, double Top, double Right, double Bottom) next, double touching) =>
        next.Left - last.Right < touching && next.Left > last.Left
        && Math.Min(last.Bottom, next.Bottom) - Math.Max(last.Top, next.Top) >= 0.5 * Math.Min(last.Bottom - last.Top, next.Bottom - next.Top);

    private static (double Left, double Top, double Right, double Bottom) Box(XmlReader reader) =>
        (Coordinate(reader, "xMin"), Coordinate(reader, "yMin"), Coordinate(reader, "xMax"), Coordinate(reader, "yMax"));

    private static double Coordinate(XmlReader reader, string name) =>
        double.TryParse(reader.GetAttribute(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;
}

using System.Text;
using System.Xml;
using SlmRag.Core.Ingestion;

namespace SlmRag.Ingestion.Extraction;

/// <summary>
/// Cheap linear passes that measure nesting depth and element count before a parser builds a tree, so a
/// file of 200,000 nested elements is refused in milliseconds instead of taking minutes (or the parser's
/// stack). The HTML scan approximates the tree builder: elements whose end tag may be left out (p, li, td)
/// and void elements do not nest, so ordinary pages measure their real depth.
/// </summary>
internal static class NestingScanner
{
    private static readonly HashSet<string> NotNesting = new(StringComparer.Ordinal)
    {
        // void elements
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param", "keygen",
        // optional end tags
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "rb", "rt", "rp", "rtc",
        "html", "head", "body",
    };

    private static readonly HashSet<string> RawText = new(StringComparer.Ordinal) { "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes" };

    /// <summary>Scans HTML bytes (any ASCII-compatible encoding).</summary>
    public static void CheckHtml(ReadOnlySpan<byte> html, ExtractionLimits limits)
    {
        var depth = 0;
        var elements = 0;
        var i = 0;
        while ((i = IndexOf(html, (byte)'<', i)) >= 0 && i + 1 < html.Length)
        {
            var next = html[i + 1];
            if (next == '!')
            {
                i = html[i..].StartsWith("<!--"u8) ? Skip(html, i + 4, "-->"u8) : Skip(html, i + 2, ">"u8);
                continue;
            }

            var closing = next == '/';
            var nameStart = closing ? i + 2 : i + 1;
            var nameEnd = nameStart;
            while (nameEnd < html.Length && IsNameByte(html[nameEnd]))
            {
                nameEnd++;
            }

            if (nameEnd == nameStart || !IsLetter(html[nameStart]))
            {
                i++;
                continue;
            }

            var name = Encoding.ASCII.GetString(html[nameStart..nameEnd]).ToLowerInvariant();
            var end = TagEnd(html, nameEnd);
            if (closing)
            {
                if (!NotNesting.Contains(name) && depth > 0)
                {
                    depth--;
                }

                i = end;
                continue;
            }

            if (++elements > limits.MaxElements)
            {
                throw limits.TooManyElements();
            }

            var selfClosing = end >= 2 && html[end - 2] == '/';
            if (RawText.Contains(name) && !selfClosing)
            {
                i = SkipRawText(html, end, name);
                continue;
            }

            if (!selfClosing && !NotNesting.Contains(name) && ++depth > limits.MaxNestingDepth)
            {
                throw limits.TooDeep(depth);
            }

            i = end;
        }
    }

    /// <summary>
    /// Markdown nests through line prefixes: block quotes ('&gt;') and list items (indentation). A line's depth
    /// is its quote markers plus its indentation in steps of two columns.
    /// </summary>
    public static void CheckMarkdown(string markdown, ExtractionLimits limits)
    {
        var depth = 0;
        var columns = 0;
        var lineStart = true;
        foreach (var c in markdown)
        {
            if (c == '\n')
            {
                lineStart = true;
                depth = 0;
                columns = 0;
                continue;
            }

            if (!lineStart)
            {
                continue;
            }

            switch (c)
            {
                case '>':
                    depth++;
                    break;
                case ' ':
                    columns++;
                    break;
                case '\t':
                    columns += 4;
                    break;
                case '-' or '*' or '+':
                    depth++;
                    break;
                default:
                    lineStart = false;
                    continue;
            }

            if (depth + (columns / 2) > limits.MaxNestingDepth)
            {
                throw limits.TooDeep(depth + (columns / 2));
            }
        }
    }

    /// <summary>Streams an XML part (Office documents) without building it.</summary>
    public static void CheckXml(Stream xml, ExtractionLimits limits)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true, IgnoreWhitespace = true, XmlResolver = null };
        using var reader = XmlReader.Create(xml, settings);
        var elements = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (++elements > limits.MaxElements)
            {
                throw limits.TooManyElements();
            }

            if (reader.Depth > limits.MaxNestingDepth)
            {
                throw limits.TooDeep(reader.Depth);
            }
        }
    }

    private static int IndexOf(ReadOnlySpan<byte> text, byte value, int from)
    {
        var found = text[from..].IndexOf(value);
        return found < 0 ? -1 : from + found;
    }

    private static int Skip(ReadOnlySpan<byte> text, int from, ReadOnlySpan<byte> terminator)
    {
        var found = from >= text.Length ? -1 : text[from..].IndexOf(terminator);
        return found < 0 ? text.Length : from + found + terminator.Length;
    }

    /// <summary>The index after the tag's closing '&gt;', skipping quoted attribute values.</summary>
    private static int TagEnd(ReadOnlySpan<byte> text, int from)
    {
        byte quote = 0;
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != 0)
            {
                if (c == quote)
                {
                    quote = 0;
                }
            }
            else if (c is (byte)'"' or (byte)'\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i + 1;
            }
        }

        return text.Length;
    }

    private static int SkipRawText(ReadOnlySpan<byte> text, int from, string name)
    {
        var closing = Encoding.ASCII.GetBytes($"</{name}");
        for (var i = from; i < text.Length;)
        {
            var found = IndexOf(text, (byte)'<', i);
            if (found < 0)
            {
                return text.Length;
            }

            if (found + closing.Length <= text.Length && Ascii.EqualsIgnoreCase(text.Slice(found, closing.Length), closing))
            {
                return found;
            }

            i = found + 1;
        }

        return text.Length;
    }

    private static bool IsLetter(byte c) => c is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z';

    private static bool IsNameByte(byte c) => IsLetter(c) || c is >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'_' or (byte)':';
}

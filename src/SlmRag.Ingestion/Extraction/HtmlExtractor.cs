using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using SlmRag.Core.Documents;
using SlmRag.Core.Extraction;

namespace SlmRag.Ingestion.Extraction;

/// <summary>
/// HTML through AngleSharp: keeps the main content (main, article, role=main, or the body),
/// drops scripts, navigation and boilerplate, and turns headings into the section path.
/// </summary>
internal sealed partial class HtmlExtractor(ExtractionLimits limits) : IDocumentExtractor
{
    private static readonly HashSet<string> Removed = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "iframe", "svg", "canvas", "nav", "header", "footer", "aside",
        "form", "button", "select", "input", "textarea", "object", "embed", "video", "audio", "map", "dialog",
    };

    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
        "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "dl", "dt", "dd", "figure", "figcaption", "hr", "br",
        "address", "details", "summary", "center", "caption",
    };

    public IReadOnlyCollection<SourceFormat> Formats { get; } = [SourceFormat.Html];

    public string Version => "html-3";

    public async Task<ExtractedDocument> ExtractAsync(ExtractionInput input, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(input.FilePath, cancellationToken);
        NestingScanner.CheckHtml(bytes, limits);
        using var stream = new MemoryStream(bytes, writable: false);
        var document = await new HtmlParser().ParseDocumentAsync(stream, cancellationToken);
        var title = FindTitle(document);
        var root = FindMainContent(document);
        RemoveBoilerplate(root);
        var builder = new ExtractedTextBuilder(limits.MaxCharacters);
        var inline = new StringBuilder();
        Walk(root, builder, inline, cancellationToken);
        builder.Add(BlockKind.Paragraph, inline.ToString());
        return builder.Build(SourceFormat.Html, title, input.FileName);
    }

    private static string? FindTitle(IDocument document)
    {
        var og = document.QuerySelector("meta[property='og:title']")?.GetAttribute("content");
        if (!string.IsNullOrWhiteSpace(og))
        {
            return og;
        }

        var title = document.Title;
        return string.IsNullOrWhiteSpace(title) ? document.QuerySelector("h1")?.TextContent : title;
    }

    private static IElement FindMainContent(IDocument document)
    {
        var body = document.Body ?? document.DocumentElement;
        var candidates = document.QuerySelectorAll("main, [role=main], article").ToList();
        var best = candidates.MaxBy(e => e.TextContent.Length);
        // A main/article that holds little of the page's text is a teaser, not the content.
        return best is not null && best.TextContent.Length >= body.TextContent.Length * 0.25 ? best : body;
    }

    private static void RemoveBoilerplate(IElement root)
    {
        var rootLength = Math.Max(1, root.TextContent.Length);
        foreach (var element in root.QuerySelectorAll("*").ToList())
        {
            if (Removed.Contains(element.LocalName)
                || element.GetAttribute("role") is "navigation" or "banner" or "contentinfo" or "complementary" or "search"
                || element.HasAttribute("hidden") || element.GetAttribute("aria-hidden") == "true"
                || (Boilerplate().IsMatch($"{element.Id} {element.ClassName}") && element.TextContent.Length < rootLength * 0.3))
            {
                element.Remove();
            }
        }
    }

    private static void Walk(INode node, ExtractedTextBuilder builder, StringBuilder inline, CancellationToken cancellationToken)
    {
        foreach (var child in node.ChildNodes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (child is IText text)
            {
                inline.Append(text.Data);
                continue;
            }

            if (child is not IElement element)
            {
                continue;
            }

            if (!BlockTags.Contains(element.LocalName) && !HasBlockDescendant(element))
            {
                inline.Append(element.LocalName == "img" ? element.GetAttribute("alt") : VisibleText(element)).Append(' ');
                continue;
            }

            Flush(builder, inline);
            switch (element.LocalName)
            {
                case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                    builder.Heading(element.LocalName[1] - '0', VisibleText(element));
                    break;
                case "pre":
                    builder.Add(BlockKind.Code, element.TextContent);
                    break;
                case "tr":
                    AddRow(element, builder);
                    break;
                case "li" when !HasBlockDescendant(element):
                    builder.Add(BlockKind.ListItem, VisibleText(element));
                    break;
                case "dl" when DefinitionEntries(element) is { } entries:
                    foreach (var entry in entries)
                    {
                        builder.Add(BlockKind.ListItem, entry);
                    }

                    break;
                case "table":
                    foreach (var row in element.QuerySelectorAll("tr").Where(r => r.Closest("table") == element))
                    {
                        AddRow(row, builder);
                    }

                    break;
                default:
                    Walk(element, builder, inline, cancellationToken);
                    Flush(builder, inline, element.LocalName == "blockquote" ? BlockKind.Quote : BlockKind.Paragraph);
                    break;
            }
        }
    }

    /// <summary>
    /// A definition list read as key-value lines, "term: definition", one per definition, so a definition keeps the term it
    /// defines ("DVDs and Blu-ray discs: 1 week. Can be renewed once."). Null when a term or definition holds blocks of its
    /// own (paragraphs, lists): such a list is walked like any other container.
    /// </summary>
    private static List<string>? DefinitionEntries(IElement list)
    {
        var items = list.Children.SelectMany(c => c.LocalName == "div" ? c.Children : (IEnumerable<IElement>)[c]).ToList();
        if (items.Any(i => i.LocalName is not ("dt" or "dd") || HasBlockDescendant(i, lineBreaksInline: true)))
        {
            return null;
        }

        var entries = new List<string>();
        var terms = new List<string>();
        var defined = false;
        foreach (var item in items)
        {
            var text = Lines(item);
            if (item.LocalName == "dt")
            {
                // Several terms in a row share the definitions that follow them.
                if (defined)
                {
                    terms.Clear();
                    defined = false;
                }

                terms.Add(text.TrimEnd(':'));
            }
            else
            {
                entries.Add(terms.Count == 0 ? text : $"{string.Join(", ", terms)}: {text}");
                defined = true;
            }
        }

        // A term left without a definition still says something (a list of names, a trailing heading).
        if (!defined && terms.Count > 0)
        {
            entries.Add(string.Join(", ", terms));
        }

        return entries;
    }

    /// <summary>
    /// A term's or definition's text with its line breaks kept as separators: an address, its opening hours and its phone
    /// number on three lines of one definition read "..., next to Stand 4; Monday to Friday 09:00–17:30; Phone 0800 ...".
    /// </summary>
    private static string Lines(IElement item)
    {
        // Not '\n': the markup's own line breaks inside a text are spaces.
        const char LineSeparator = '\u2028';
        var joined = new StringBuilder();
        foreach (var line in VisibleText(item, lineBreak: LineSeparator).Split(LineSeparator).Select(ExtractedTextBuilder.Normalize).Where(l => l.Length > 0))
        {
            joined.Append(joined.Length == 0 ? string.Empty : ".;:,".Contains(joined[^1], StringComparison.Ordinal) ? " " : "; ").Append(line);
        }

        return joined.ToString();
    }

    private static void AddRow(IElement row, ExtractedTextBuilder builder) =>
        builder.Add(BlockKind.TableRow, string.Join(" | ", row.Children.Where(c => c.LocalName is "td" or "th").Select(c => ExtractedTextBuilder.Normalize(VisibleText(c)))));

    private static void Flush(ExtractedTextBuilder builder, StringBuilder inline, BlockKind kind = BlockKind.Paragraph)
    {
        if (inline.Length > 0)
        {
            builder.Add(kind, inline.ToString());
            inline.Clear();
        }
    }

    /// <summary>
    /// Like TextContent, but block boundaries (cells, paragraphs, line breaks) become spaces so words never fuse; with
    /// <paramref name="lineBreak"/>, a line break becomes that character instead.
    /// </summary>
    private static string VisibleText(INode node, char? lineBreak = null)
    {
        var text = new StringBuilder();
        AppendVisible(node, text, lineBreak);
        return text.ToString();
    }

    private static void AppendVisible(INode node, StringBuilder text, char? lineBreak)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText t)
            {
                text.Append(t.Data);
            }
            else if (child is IElement { LocalName: "br" } && lineBreak is { } separator)
            {
                text.Append(separator);
            }
            else if (child is IElement e)
            {
                var block = BlockTags.Contains(e.LocalName);
                if (block)
                {
                    text.Append(' ');
                }

                if (e.LocalName == "img")
                {
                    text.Append(e.GetAttribute("alt"));
                }
                else
                {
                    AppendVisible(e, text, lineBreak);
                }

                if (block)
                {
                    text.Append(' ');
                }
            }
        }
    }

    /// <param name="lineBreaksInline">A line break (br) does not count: its text is still one item, read line by line.</param>
    private static bool HasBlockDescendant(IElement element, bool lineBreaksInline = false) =>
        element.Descendants<IElement>().Any(d => BlockTags.Contains(d.LocalName) && !(lineBreaksInline && d.LocalName == "br"));

    [GeneratedRegex(@"(^|[\s_-])(nav|navbar|menu|footer|sidebar|share|sharing|social|comments?|cookie|banner|breadcrumbs?|related|advert|ads?|promo|newsletter|subscribe|popup|modal|masthead|skip)($|[\s_-])", RegexOptions.IgnoreCase)]
    private static partial Regex Boilerplate();
}

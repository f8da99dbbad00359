using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using SlmRag.Core.Documents;
using SlmRag.Core.Extraction;
using SlmRag.Core.Ingestion;
using SlmRag.Ingestion.Detection;

namespace SlmRag.Ingestion.Extraction;

/// <summary>Markdown through Markdig's syntax tree: headings become the section path, tables become rows.</summary>
internal sealed class MarkdownExtractor(ExtractionLimits limits) : IDocumentExtractor
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .UseYamlFrontMatter()
        .Build();

    public IReadOnlyCollection<SourceFormat> Formats { get; } = [SourceFormat.Markdown];

    public string Version => "markdown-1";

    public async Task<ExtractedDocument> ExtractAsync(ExtractionInput input, CancellationToken cancellationToken)
    {
        var source = TextDecoding.Decode(await File.ReadAllBytesAsync(input.FilePath, cancellationToken));
        NestingScanner.CheckMarkdown(source, limits);
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(source, Pipeline);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or InsufficientExecutionStackException or IndexOutOfRangeException)
        {
            // Markdig refuses some pathological inputs itself (e.g. its own nesting limit): the file is malformed, not a bug here.
            throw new IngestionException(IngestionError.Malformed, $"The Markdown cannot be read: {ex.Message}", inner: ex);
        }

        var builder = new ExtractedTextBuilder(limits.MaxCharacters);
        string? title = null;
        foreach (var block in document)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (block is YamlFrontMatterBlock yaml)
            {
                title = FrontMatterTitle(yaml, source);
                continue;
            }

            Visit(block, builder, source);
        }

        title ??= document.Descendants<HeadingBlock>().FirstOrDefault(h => h.Level == 1) is { } h1 ? InlineText(h1.Inline) : null;
        return builder.Build(SourceFormat.Markdown, title, input.FileName);
    }

    private static void Visit(Block block, ExtractedTextBuilder builder, string source)
    {
        switch (block)
        {
            case HeadingBlock heading:
                builder.Heading(heading.Level, InlineText(heading.Inline));
                break;
            case ParagraphBlock paragraph:
                builder.Add(BlockKind.Paragraph, InlineText(paragraph.Inline));
                break;
            case Table table:
                foreach (var row in table.OfType<TableRow>())
                {
                    var cells = row.OfType<TableCell>().Select(cell => string.Join(' ', cell.OfType<ParagraphBlock>().Select(p => InlineText(p.Inline))));
                    builder.Add(BlockKind.TableRow, string.Join(" | ", cells));
                }

                break;
            case ListBlock list:
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    if (item.All(child => child is ParagraphBlock))
                    {
                        builder.Add(BlockKind.ListItem, string.Join(' ', item.OfType<ParagraphBlock>().Select(p => InlineText(p.Inline))));
                    }
                    else
                    {
                        foreach (var child in item)
                        {
                            Visit(child, builder, source);
                        }
                    }
                }

                break;
            case QuoteBlock quote:
                foreach (var child in quote)
                {
                    Visit(child, builder, source);
                }

                break;
            case CodeBlock code:
                builder.Add(BlockKind.Code, code.Lines.ToString());
                break;
            case HtmlBlock html:
                builder.Add(BlockKind.Paragraph, System.Text.RegularExpressions.Regex.Replace(html.Lines.ToString(), "<[^>]*>", " "));
                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    Visit(child, builder, source);
                }

                break;
        }
    }

    private static string InlineText(ContainerInline? inline)
    {
        var text = new StringBuilder();
        Append(inline, text);
        return text.ToString();
    }

    private static void Append(Inline? inline, StringBuilder text)
    {
        switch (inline)
        {
            case null:
                return;
            case LiteralInline literal:
                text.Append(literal.Content.AsSpan());
                break;
            case CodeInline code:
                text.Append(code.Content);
                break;
            case LineBreakInline:
                text.Append(' ');
                break;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded.AsSpan());
                break;
            case AutolinkInline autolink:
                text.Append(autolink.Url);
                break;
            case HtmlInline:
                break;
            case ContainerInline container:
                foreach (var child in container)
                {
                    Append(child, text);
                }

                break;
        }
    }

    private static string? FrontMatterTitle(YamlFrontMatterBlock yaml, string source)
    {
        foreach (var line in yaml.Lines.Lines.Select(l => l.ToString()))
        {
            if (line.StartsWith("title:", StringComparison.OrdinalIgnoreCase))
            {
                return line["title:".Length..].Trim().Trim('"', '\'');
            }
        }

        return null;
    }
}

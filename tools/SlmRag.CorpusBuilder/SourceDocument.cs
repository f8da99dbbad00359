namespace SlmRag.CorpusBuilder;

/// <summary>The Markdown subset the corpus sources use: headings, paragraphs, bullets, pipe tables, page breaks.</summary>
internal sealed record SourceDocument(string Title, IReadOnlyList<SourceBlock> Blocks)
{
    public static SourceDocument Parse(string markdown)
    {
        var blocks = new List<SourceBlock>();
        var paragraph = new List<string>();
        List<string[]>? table = null;
        void Flush()
        {
            if (paragraph.Count > 0)
            {
                blocks.Add(new SourceBlock(SourceBlockKind.Paragraph, string.Join(' ', paragraph)));
                paragraph.Clear();
            }

            if (table is not null)
            {
                blocks.Add(new SourceBlock(SourceBlockKind.Table, string.Empty, table));
                table = null;
            }
        }

        foreach (var raw in markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim().Replace("**", string.Empty, StringComparison.Ordinal);
            if (line.StartsWith('|'))
            {
                if (paragraph.Count > 0)
                {
                    Flush();
                }

                var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
                if (!cells.All(c => c.Length > 0 && c.All(ch => ch is '-' or ':')))
                {
                    (table ??= []).Add(cells);
                }

                continue;
            }

            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("- ", StringComparison.Ordinal) || line == "<!-- page -->" || char.IsDigit(line[0]) && line.Contains(". ", StringComparison.Ordinal))
            {
                Flush();
            }

            if (line.Length == 0)
            {
                continue;
            }

            if (line == "<!-- page -->")
            {
                blocks.Add(new SourceBlock(SourceBlockKind.PageBreak, string.Empty));
            }
            else if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                blocks.Add(new SourceBlock(SourceBlockKind.Heading2, line[3..]));
            }
            else if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                blocks.Add(new SourceBlock(SourceBlockKind.Heading1, line[2..]));
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                blocks.Add(new SourceBlock(SourceBlockKind.Bullet, line[2..]));
            }
            else
            {
                paragraph.Add(line);
            }
        }

        Flush();
        var title = blocks.FirstOrDefault(b => b.Kind == SourceBlockKind.Heading1)?.Text ?? "Untitled";
        return new SourceDocument(title, blocks);
    }
}

internal enum SourceBlockKind
{
    Heading1,
    Heading2,
    Paragraph,
    Bullet,
    Table,
    PageBreak,
}

internal sealed record SourceBlock(SourceBlockKind Kind, string Text, IReadOnlyList<string[]>? Rows = null);

using System.Text.RegularExpressions;
using SlmRag.Core.Extraction;

namespace SlmRag.Ingestion.Extraction;

/// <summary>
/// The blocks of one plain-text paragraph (lines between blank lines). Plain text has no markup, so structure is
/// read from the lines themselves: a first line in capitals ("OPENING HOURS - WINTER SEASON (1 September to 31 May)";
/// words in brackets may be in lower case) or underlined with === or --- is a heading; lines with dot leaders
/// ("Adult single ticket ...... EUR 4.50") or aligned columns (two spaces or a tab between cells) are one item each,
/// as are bulleted or numbered lines (with the indented lines that continue them). Anything else is one paragraph,
/// its line breaks wrapping prose.
/// </summary>
internal static partial class PlainTextLines
{
    /// <param name="first">The document's first paragraph: a heading there is its title (level 1); later ones are level 2.</param>
    public static IEnumerable<(BlockKind Kind, int Level, string Text)> Blocks(string paragraph, bool first)
    {
        var lines = paragraph.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Trim().Length > 0).ToList();
        if (lines.Count == 0)
        {
            yield break;
        }

        if (lines.Count >= 2 && Underline().Match(lines[1].Trim()) is { Success: true } underline)
        {
            yield return (BlockKind.Heading, underline.Value[0] == '=' ? 1 : 2, lines[0]);
            lines.RemoveRange(0, 2);
        }
        else if (IsCapitalHeading(lines[0]))
        {
            yield return (BlockKind.Heading, first ? 1 : 2, lines[0]);
            lines.RemoveAt(0);
        }

        if (lines.Count == 0)
        {
            yield break;
        }

        if (Bullet().IsMatch(lines[0]))
        {
            // A bulleted list: each bullet opens an item; lines without a bullet continue the item above (wrapped text).
            var item = new List<string>();
            foreach (var line in lines)
            {
                if (Bullet().IsMatch(line) && item.Count > 0)
                {
                    yield return (BlockKind.ListItem, 0, string.Join(' ', item));
                    item.Clear();
                }

                item.Add(line.Trim());
            }

            yield return (BlockKind.ListItem, 0, string.Join(' ', item));
            yield break;
        }

        // A list of entries: most lines carry a dot leader or aligned columns (prose may hold one such line by chance).
        if (lines.Count >= 2 && lines.Count(l => Leader().IsMatch(l) || Columns().IsMatch(l.Trim())) * 2 >= lines.Count)
        {
            foreach (var line in lines)
            {
                yield return (BlockKind.ListItem, 0, line.Trim());
            }

            yield break;
        }

        yield return (BlockKind.Paragraph, 0, string.Join('\n', lines));
    }

    /// <summary>A short line of mostly letters, those outside brackets all capitals (at least three), not a sentence or a bullet.</summary>
    private static bool IsCapitalHeading(string line)
    {
        var text = line.Trim();
        if (text.Length > 100 || text.EndsWith('.') || text.EndsWith(',') || Bullet().IsMatch(text))
        {
            return false;
        }

        // Mostly letters, all capitals: "PRICES", "POOL RULES"; not "EUR 4.50" or "A4 / 210 x 297 MM".
        var outside = Bracketed().Replace(text, string.Empty);
        var letters = outside.Where(char.IsLetter).ToList();
        return letters.Count >= 3 && letters.All(char.IsUpper) && letters.Count * 2 >= outside.Count(c => !char.IsWhiteSpace(c));
    }

    [GeneratedRegex(@"^(={3,}|-{3,})$")]
    private static partial Regex Underline();

    [GeneratedRegex(@"^\s*([-*•‣◦–]|\d{1,2}[.)]|[a-z][.)])\s+\S")]
    private static partial Regex Bullet();

    /// <summary>Four or more dots between two entries ("Sunday ........ 08:00"); three are an ellipsis in prose.</summary>
    [GeneratedRegex(@"\S\s*(\.\s?){4,}\s*\S")]
    private static partial Regex Leader();

    /// <summary>Cells apart by a tab or by two or more spaces that do not follow a full stop (two spaces after a sentence are prose).</summary>
    [GeneratedRegex(@"[^\s.]( {2,}|\t)\S")]
    private static partial Regex Columns();

    [GeneratedRegex(@"\([^)]*\)|\[[^\]]*\]")]
    private static partial Regex Bracketed();
}

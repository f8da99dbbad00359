using System.Text;
using SlmRag.Core.Documents;
using SlmRag.Core.Extraction;
using SlmRag.Core.Ingestion;

namespace SlmRag.Ingestion.Extraction;

/// <summary>
/// Assembles extracted text block by block, tracking the heading stack as the section path and
/// page boundaries, so every block and page knows its exact character range.
/// </summary>
internal sealed class ExtractedTextBuilder(int maxCharacters)
{
    private readonly StringBuilder _text = new();
    private readonly List<TextBlock> _blocks = [];
    private readonly List<PageSpan> _pages = [];
    private readonly List<(int Level, string Title)> _headings = [];
    private IReadOnlyList<string> _path = [];
    private BlockKind? _lastKind;
    private int? _pageNumber;
    private int? _pageStart;

    public string? FirstHeading { get; private set; }

    public int Length => _text.Length;

    public void Heading(int level, string text)
    {
        text = Normalize(text);
        if (text.Length == 0)
        {
            return;
        }

        while (_headings.Count > 0 && _headings[^1].Level >= level)
        {
            _headings.RemoveAt(_headings.Count - 1);
        }

        _headings.Add((level, text));
        _path = _headings.Select(h => h.Title).ToArray();
        FirstHeading ??= text;
        Append(BlockKind.Heading, text);
    }

    public void Add(BlockKind kind, string text)
    {
        text = kind == BlockKind.Code ? NormalizeLines(text) : Normalize(text);
        if (text.Length > 0)
        {
            Append(kind, text);
        }
    }

    public void BeginPage(int number)
    {
        EndPage();
        _pageNumber = number;
        _pageStart = null;
    }

    public void EndPage()
    {
        if (_pageNumber is { } number)
        {
            var start = _pageStart ?? _text.Length;
            _pages.Add(new PageSpan(number, start, _pageStart is null ? start : _text.Length));
            _pageNumber = null;
        }
    }

    public ExtractedDocument Build(SourceFormat format, string? title, string fileName)
    {
        EndPage();
        var chosen = Normalize(title ?? string.Empty);
        if (chosen.Length == 0)
        {
            chosen = FirstHeading ?? Path.GetFileNameWithoutExtension(fileName);
        }

        return new ExtractedDocument(format, chosen.Length > 300 ? chosen[..300] : chosen, _text.ToString(), _blocks, _pages);
    }

    private void Append(BlockKind kind, string text)
    {
        if (_text.Length > 0)
        {
            var tight = kind is BlockKind.TableRow or BlockKind.ListItem && _lastKind == kind;
            _text.Append(tight ? "\n" : "\n\n");
        }

        if (_text.Length + text.Length > maxCharacters)
        {
            throw new IngestionException(IngestionError.TooLarge,
                $"The extracted text passes {maxCharacters:N0} characters (Ingestion:MaxExtractedCharacters).");
        }

        _pageStart ??= _pageNumber is null ? null : _text.Length;
        _blocks.Add(new TextBlock(_text.Length, _text.Length + text.Length, kind, _path));
        _text.Append(text);
        _lastKind = kind;
    }

    /// <summary>Collapses white space (including no-break spaces) and drops control characters.</summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c == '\u00A0' || char.IsControl(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string NormalizeLines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n')
            .Select(l => new string(l.Where(c => c == '\t' || !char.IsControl(c)).ToArray()).TrimEnd());
        return string.Join('\n', lines).Trim('\n');
    }
}

using Spectre.Console;

namespace SlmRag.Cli.Commands;

/// <summary>
/// Terminal behaviour of every command: ANSI colours and live progress only on an interactive terminal
/// without <c>NO_COLOR</c>; plain text (and a width from <c>COLUMNS</c>, else 80) when piped.
/// </summary>
internal static class CliOutput
{
    /// <summary>True when output goes to a terminal and NO_COLOR (https://no-color.org) is not set.</summary>
    public static bool Styled { get; private set; } = true;

    public static void Configure()
    {
        var noColor = Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 };
        var piped = Console.IsOutputRedirected;
        Styled = !noColor && !piped;
        if (Styled)
        {
            return;
        }

        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            // Progress bars redraw lines; in a pipe or log they would repeat, so they are left out.
            Interactive = piped ? InteractionSupport.No : InteractionSupport.Detect,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        if (piped)
        {
            // Without a terminal Spectre cannot ask for the width; COLUMNS (set by most shells' scripts) wins.
            AnsiConsole.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns >= 40 ? columns : 80;
        }
    }

    /// <summary>The width tables must fit in.</summary>
    public static int Width => Math.Max(40, AnsiConsole.Profile.Width);

    /// <summary>An error on standard error, its label red only on a terminal without NO_COLOR.</summary>
    public static void Error(string label, string message)
    {
        var styled = Environment.GetEnvironmentVariable("NO_COLOR") is not { Length: > 0 } && !Console.IsErrorRedirected;
        Console.Error.WriteLine(styled ? $"\u001b[31m{label}:\u001b[0m {message}" : $"{label}: {message}");
    }

    public static void Success(string text) => AnsiConsole.MarkupLine($"[green]{Markup.Escape(text)}[/]");

    public static void Note(string text) => AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(text)}[/]");

    /// <summary>Shortens text to <paramref name="length"/> characters with an ellipsis, on one line.</summary>
    public static string Clip(string text, int length)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= length ? line : line[..Math.Max(1, length - 1)] + "…";
    }

    /// <summary>
    /// A borderless table (upper-case headers, two spaces between columns) like other Unix tools print:
    /// it reads the same in a pipe, and leaves the width to the columns. Numeric and short columns do not wrap.
    /// </summary>
    public static Table Table(params string[] headers)
    {
        var table = new Table().Border(TableBorder.None);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(Styled ? $"[bold]{Markup.Escape(header)}[/]" : Markup.Escape(header)).Padding(0, 0, 2, 0));
        }

        return table;
    }

    /// <summary>Characters left for the flexible columns once the fixed ones and the gaps between all columns are counted.</summary>
    public static int Remaining(int columns, params int[] fixedWidths) => Math.Max(12, Width - fixedWidths.Sum() - (2 * columns));

    /// <summary>Where a passage is, without repeating the title the section path usually starts with.</summary>
    public static string Where(string title, IReadOnlyList<string> sectionPath, int? pageStart, int? pageEnd)
    {
        // A page titled "IT Helpdesk | Intranet" usually has "IT Helpdesk" as its first heading.
        var sections = sectionPath.Count > 0 && title.Trim().StartsWith(sectionPath[0].Trim(), StringComparison.OrdinalIgnoreCase) ? sectionPath.Skip(1) : sectionPath;
        var where = string.Join(" › ", sections);
        if (pageStart is { } first)
        {
            var pages = pageEnd is { } last && last != first ? $"pp. {first}-{last}" : $"p. {first}";
            where = where.Length > 0 ? $"{where} ({pages})" : pages;
        }

        return where;
    }
}

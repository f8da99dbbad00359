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

    public static void Success(string text) => AnsiConsole.MarkupLine($"[green]{Markup.Escape(text)}[/]");

    public static void Note(string text) => AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(text)}[/]");

    /// <summary>Shortens text to <paramref name="length"/> characters with an ellipsis, on one line.</summary>
    public static string Clip(string text, int length)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= length ? line : line[..Math.Max(1, length - 1)] + "…";
    }
}

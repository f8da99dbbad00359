using SlmRag.Cli.Commands;
using Spectre.Console;

if (Console.IsOutputRedirected)
{
    // Tables piped into files or logs should not wrap at the 80 columns Spectre assumes without a terminal.
    AnsiConsole.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 40 ? columns : 160;
}

return await SlmRagCommandLine.Build().Parse(args).InvokeAsync();

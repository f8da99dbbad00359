using SlmRag.Core.Jobs;
using Spectre.Console;

namespace SlmRag.Cli.Commands;

/// <summary>Prints a job's per-document results.</summary>
internal static class JobTable
{
    public static void Write(IngestionJob job)
    {
        Console.WriteLine($"Job {job.Id} ({job.Collection}): {job.State}");
        var table = CliOutput.Table("DOCUMENT", "RESULT", "PAGES", "CHUNKS", "REASON");
        var key = Math.Min(40, CliOutput.Remaining(5, 26, 5, 6) / 2);
        foreach (var item in job.Items)
        {
            var color = item.State switch
            {
                JobItemState.Succeeded => "green",
                JobItemState.Unchanged => "grey",
                JobItemState.Failed => "red",
                _ => "yellow",
            };
            var result = Markup.Escape($"{item.State}{(item.Error is { } e ? $" ({e})" : string.Empty)}");
            table.AddRow(
                Markup.Escape(CliOutput.Clip(item.DocumentKey, key)), CliOutput.Styled ? $"[{color}]{result}[/]" : result,
                item.Pages.ToString(System.Globalization.CultureInfo.InvariantCulture), item.Chunks.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(item.Reason ?? string.Empty));
        }

        AnsiConsole.Write(table);
        var p = job.Progress;
        Console.WriteLine($"{p.Files} files: {p.Succeeded} ingested, {p.Unchanged} unchanged, {p.Failed} failed; {p.Pages} pages, {p.Chunks} chunks.");
    }
}

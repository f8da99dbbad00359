using SlmRag.Core.Jobs;
using Spectre.Console;

namespace SlmRag.Cli.Commands;

/// <summary>Prints a job's per-document results.</summary>
internal static class JobTable
{
    public static void Write(IngestionJob job)
    {
        var table = new Table().Title($"Job {job.Id} ({job.Collection}): {job.State}")
            .AddColumns("File", "Key", "Result", "Pages", "Chunks", "Reason");
        foreach (var item in job.Items)
        {
            var color = item.State switch
            {
                JobItemState.Succeeded => "green",
                JobItemState.Unchanged => "grey",
                JobItemState.Failed => "red",
                _ => "yellow",
            };
            table.AddRow(
                Markup.Escape(item.FileName), Markup.Escape(item.DocumentKey), $"[{color}]{item.State}{(item.Error is { } e ? $" ({e})" : string.Empty)}[/]",
                item.Pages.ToString(System.Globalization.CultureInfo.InvariantCulture), item.Chunks.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(item.Reason ?? string.Empty));
        }

        AnsiConsole.Write(table);
        var p = job.Progress;
        AnsiConsole.MarkupLineInterpolated($"{p.Files} files: {p.Succeeded} ingested, {p.Unchanged} unchanged, {p.Failed} failed; {p.Pages} pages, {p.Chunks} chunks.");
    }
}

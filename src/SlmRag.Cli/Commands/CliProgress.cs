using System.Globalization;
using Spectre.Console;

namespace SlmRag.Cli.Commands;

/// <summary>
/// Progress of one long task: a Spectre progress bar on an interactive terminal, plain lines (about
/// every tenth of the work) when the output is redirected, so logs and CI show it too.
/// </summary>
internal static class CliProgress
{
    public static async Task<T> RunAsync<T>(string description, int total, Func<IProgress<int>, Task<T>> work)
    {
        total = Math.Max(1, total);
        if (AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected)
        {
            var result = default(T)!;
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Markup.Escape(description), maxValue: total);
                    result = await work(new SynchronousProgress<int>(done => task.Value = done));
                    task.Value = total;
                });
            return result;
        }

        return await RunAsLinesAsync(Console.Out, description, total, work);
    }

    /// <summary>
    /// Plain progress lines on <paramref name="output"/>: for redirected output, and for the service's console,
    /// where a live bar would fight the host's log lines.
    /// </summary>
    public static async Task<T> RunAsLinesAsync<T>(TextWriter output, string description, int total, Func<IProgress<int>, Task<T>> work)
    {
        total = Math.Max(1, total);
        output.WriteLine($"{description}: 0/{total.ToString("N0", CultureInfo.InvariantCulture)}");
        var lastTenth = 0;
        // Synchronous reporting: lines come out in order, and before the summary that follows.
        return await work(new SynchronousProgress<int>(done =>
        {
            var tenth = (int)Math.Min(10, done * 10L / total);
            if (tenth > lastTenth)
            {
                lastTenth = tenth;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{description}: {done:N0}/{total:N0} ({tenth * 10}%)"));
            }
        }));
    }
}

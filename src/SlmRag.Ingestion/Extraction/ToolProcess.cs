using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using SlmRag.Core.Ingestion;

namespace SlmRag.Ingestion.Extraction;

/// <summary>
/// Runs an external tool (pdftotext, qpdf) with arguments passed as a list (no shell), a deadline
/// that kills the whole process tree, and a cap on captured output.
/// </summary>
internal static class ToolProcess
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    public static async Task<Result> RunAsync(string tool, IEnumerable<string> arguments, TimeSpan timeout, int maxOutputChars, CancellationToken cancellationToken)
    {
        using var process = Start(tool, arguments);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var stdout = ReadCappedAsync(process.StandardOutput, maxOutputChars, process);
        // Diagnostics are drained to the end (a tool that warns a lot must not block or be killed for it); the first 64 KB are kept.
        var stderr = ReadKeepingStartAsync(process.StandardError, 64 * 1024);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            await StopAsync(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw TimedOut(tool, timeout);
        }

        var (output, truncated) = await stdout;
        if (truncated)
        {
            throw new IngestionException(IngestionError.TooLarge, $"The extracted text passes {maxOutputChars:N0} characters (Ingestion:MaxExtractedCharacters).");
        }

        return new Result(process.ExitCode, output, await stderr);
    }

    /// <summary>
    /// Runs the tool and hands its standard output to <paramref name="read"/> as it is written (for output too
    /// large to buffer, such as pdftotext's word boxes). The reader gets the deadline's token; if it fails, the
    /// tool is stopped.
    /// </summary>
    public static async Task<(int ExitCode, T Output, string StandardError)> RunStreamingAsync<T>(string tool, IEnumerable<string> arguments,
        TimeSpan timeout, Func<TextReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        using var process = Start(tool, arguments);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var stderr = ReadKeepingStartAsync(process.StandardError, 64 * 1024);
        // A reader waiting for output that never comes is woken by stopping the tool (its output then ends).
        await using var stop = deadline.Token.Register(() => Kill(process));
        try
        {
            var output = await read(process.StandardOutput, deadline.Token);
            // Whatever the reader left (trailing markup) is drained so the tool can exit.
            await process.StandardOutput.ReadToEndAsync(deadline.Token);
            await process.WaitForExitAsync(deadline.Token);
            return (process.ExitCode, output, await stderr);
        }
        catch (Exception) when (deadline.IsCancellationRequested)
        {
            await StopAsync(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw TimedOut(tool, timeout);
        }
        catch
        {
            await StopAsync(process);
            throw;
        }
    }

    private static IngestionException TimedOut(string tool, TimeSpan timeout) =>
        new(IngestionError.Timeout, $"{Path.GetFileName(tool)} did not finish within {timeout.TotalSeconds:0} s (Ingestion:Pdf:TimeoutSeconds).");

    private static async Task StopAsync(Process process)
    {
        Kill(process);
        await process.WaitForExitAsync(CancellationToken.None);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
    }

    private static Process Start(string tool, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new IngestionException(IngestionError.ToolMissing,
                $"'{tool}' could not be started ({ex.Message}). Install poppler-utils and qpdf (apt-get install -y poppler-utils qpdf) or set Ingestion:Pdf:PdftotextPath / Ingestion:Pdf:QpdfPath.", inner: ex);
        }

        return process;
    }

    private static async Task<string> ReadKeepingStartAsync(StreamReader reader, int keepChars)
    {
        var text = new StringBuilder();
        var buffer = new char[16384];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            text.Append(buffer, 0, Math.Min(read, Math.Max(0, keepChars - text.Length)));
        }

        return text.ToString();
    }

    private static async Task<(string Text, bool Truncated)> ReadCappedAsync(StreamReader reader, int maxChars, Process process)
    {
        var text = new StringBuilder();
        var buffer = new char[16384];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            if (text.Length + read > maxChars)
            {
                // Stop a decompression bomb early instead of buffering all of its output.
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // already exited
                }

                return (text.ToString(), true);
            }

            text.Append(buffer, 0, read);
        }

        return (text.ToString(), false);
    }
}

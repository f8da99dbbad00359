using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SlmRag.Core.Extraction;
using SlmRag.Core.Ingestion;

namespace SlmRag.Ingestion.Sandbox;

/// <summary>
/// One warm <c>slmrag-extract</c> child. Serves one document at a time; any failure of the process itself
/// (crash, deadline, memory, oversized reply) kills it, and the caller must not use it again
/// (<see cref="Usable"/>). Not thread-safe: the pool hands it to one caller at a time.
/// </summary>
internal sealed class ExtractorProcess : IDisposable
{
    private const int StderrTailChars = 4096;
    private readonly Process _process;
    private readonly StreamReader _stdout;
    private readonly StringBuilder _stderrTail = new();
    private readonly Task _stderrDrain;
    private bool _broken;

    private ExtractorProcess(Process process)
    {
        _process = process;
        _stdout = new StreamReader(process.StandardOutput.BaseStream, new UTF8Encoding(false));
        _stderrDrain = DrainStderrAsync(process.StandardError);
    }

    public int DocumentsServed { get; private set; }

    public bool Usable => !_broken && !_process.HasExited;

    public static ExtractorProcess Start(ExtractorExecutable executable, SandboxOptions options)
    {
        var start = new ProcessStartInfo(executable.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in executable.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The managed heap limit turns a runaway parser into an OutOfMemoryException inside the child.
        start.Environment["DOTNET_GCHeapHardLimit"] = (options.MemoryLimitMegabytes * 1024L * 1024L).ToString("X", CultureInfo.InvariantCulture);
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_TieredPGO"] = "0";
        start.Environment.Remove("DOTNET_STARTUP_HOOKS");
        var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new IngestionException(IngestionError.ToolMissing,
                $"The extractor '{executable.FileName}' could not be started ({ex.Message}); it ships beside slmrag. Set Ingestion:Sandbox:ExecutablePath if it lives elsewhere.", inner: ex);
        }

        return new ExtractorProcess(process);
    }

    public async Task<ExtractedDocument> ExtractAsync(ExtractionRequest request, TimeSpan timeout, long maxReplyChars, CancellationToken cancellationToken)
    {
        DocumentsServed++;
        var memoryLimit = (request.Options.Sandbox.MemoryLimitMegabytes + 256L) * 1024 * 1024;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
        var outcome = Outcome.Replied;
        string? line;
        try
        {
            await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(request, SandboxJson.Options).AsMemory(), deadline.Token);
            await _process.StandardInput.FlushAsync(deadline.Token);
            var reading = ReadLineAsync(maxReplyChars, deadline.Token);
            var watching = WatchMemoryAsync(memoryLimit, watch.Token);
            if (await Task.WhenAny(reading, watching) == watching && await watching)
            {
                outcome = Outcome.OutOfMemory;
                line = null;
            }
            else
            {
                (line, var truncated) = await reading;
                outcome = truncated ? Outcome.TooLarge : line is null ? Outcome.Died : Outcome.Replied;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            outcome = Outcome.Timeout;
            line = null;
        }
        catch (IOException)
        {
            // A broken pipe: the child died before or while reading the request.
            outcome = Outcome.Died;
            line = null;
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw;
        }
        finally
        {
            await watch.CancelAsync();
        }

        if (outcome != Outcome.Replied)
        {
            Kill();
            throw await FailureAsync(outcome, request, timeout);
        }

        var reply = JsonSerializer.Deserialize<ExtractionReply>(line!, SandboxJson.Options)
            ?? throw new IngestionException(IngestionError.Internal, "The extractor sent an empty reply.");
        if (reply.Document is { } document)
        {
            return document;
        }

        if (reply.Error == IngestionError.TooLarge)
        {
            _broken = true; // the child leaves after running out of memory
        }

        throw new IngestionException(reply.Error ?? IngestionError.Internal, reply.Message ?? "The extractor failed without a reason.", reply.Transient);
    }

    private async Task<IngestionException> FailureAsync(Outcome outcome, ExtractionRequest request, TimeSpan timeout)
    {
        switch (outcome)
        {
            case Outcome.Timeout:
                return new IngestionException(IngestionError.Timeout, $"Extraction did not finish within {timeout.TotalSeconds:0} s (Ingestion:Sandbox:TimeoutSeconds); the extractor was stopped.");
            case Outcome.OutOfMemory:
                return new IngestionException(IngestionError.TooLarge, $"Extraction used more than {request.Options.Sandbox.MemoryLimitMegabytes + 256} MB of memory (Ingestion:Sandbox:MemoryLimitMegabytes + 256); the extractor was stopped.");
            case Outcome.TooLarge:
                return new IngestionException(IngestionError.TooLarge, $"The extracted text passes {request.Options.MaxExtractedCharacters:N0} characters (Ingestion:MaxExtractedCharacters).");
            default:
                await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
                await _stderrDrain.WaitAsync(TimeSpan.FromSeconds(2)).ContinueWith(_ => { }, TaskScheduler.Default);
                var code = _process.HasExited ? _process.ExitCode.ToString(CultureInfo.InvariantCulture) : "unknown";
                string tail;
                lock (_stderrTail)
                {
                    tail = LastMeaningfulLine(_stderrTail.ToString());
                }

                return new IngestionException(IngestionError.ExtractorCrashed,
                    $"The extractor process crashed on this document (exit code {code}){(tail.Length > 0 ? $": {tail}" : ".")} The file is not retried.");
        }
    }

    private async Task<(string? Line, bool Truncated)> ReadLineAsync(long maxChars, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var buffer = new char[65536];
        while (true)
        {
            var read = await _stdout.ReadAsync(buffer.AsMemory(), cancellationToken);
            if (read == 0)
            {
                return (null, false);
            }

            var newline = Array.IndexOf(buffer, '\n', 0, read);
            line.Append(buffer, 0, newline >= 0 ? newline : read);
            if (line.Length > maxChars)
            {
                return (null, true);
            }

            if (newline >= 0)
            {
                return (line.ToString(), false);
            }
        }
    }

    /// <returns>True when the child's resident memory passed the limit.</returns>
    private async Task<bool> WatchMemoryAsync(long limitBytes, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(100, cancellationToken);
                _process.Refresh();
                if (_process.HasExited)
                {
                    // Let the reader see the end of the output and report the crash.
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }

                if (_process.WorkingSet64 > limitBytes)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private async Task DrainStderrAsync(StreamReader stderr)
    {
        // Read everything (a chatty child must never block on a full pipe), keep only the tail.
        var buffer = new char[8192];
        int read;
        while ((read = await stderr.ReadAsync(buffer.AsMemory())) > 0)
        {
            lock (_stderrTail)
            {
                _stderrTail.Append(buffer, 0, read);
                if (_stderrTail.Length > StderrTailChars * 2)
                {
                    _stderrTail.Remove(0, _stderrTail.Length - StderrTailChars);
                }
            }
        }
    }

    private static string LastMeaningfulLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // .NET prints "Stack overflow." first and then the repeated frames.
        var overflow = lines.FirstOrDefault(l => l.StartsWith("Stack overflow", StringComparison.Ordinal));
        var chosen = overflow ?? lines.LastOrDefault(l => !l.StartsWith("at ", StringComparison.Ordinal)) ?? string.Empty;
        return chosen.Length > 300 ? chosen[..300] : chosen;
    }

    private void Kill()
    {
        _broken = true;
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            // Closing standard input ends the child's loop; kill it if it does not leave promptly.
            try
            {
                _process.StandardInput.Close();
            }
            catch (IOException)
            {
                // the pipe is already broken
            }

            if (!_process.WaitForExit(2000))
            {
                Kill();
            }
        }

        _process.Dispose();
    }

    private enum Outcome
    {
        Replied,
        Died,
        Timeout,
        OutOfMemory,
        TooLarge,
    }
}

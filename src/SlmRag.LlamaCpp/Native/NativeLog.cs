using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;

namespace SlmRag.LlamaCpp.Native;

/// <summary>
/// Routes llama.cpp's and ggml's log lines to an <see cref="ILogger"/>. Lines arrive in fragments (and as
/// GGML_LOG_LEVEL_CONT continuations), so each thread assembles its own line. The last error line of a
/// thread is kept, so a failed call can say why.
/// </summary>
internal static unsafe class NativeLog
{
    private static ILogger? _logger;

    [ThreadStatic] private static StringBuilder? _line;
    [ThreadStatic] private static LogLevel _lineLevel;
    [ThreadStatic] private static string? _lastError;

    public static void Install(ILogger logger)
    {
        _logger = logger;
        LlamaNative.llama_log_set(&OnLog, IntPtr.Zero);
        LlamaNative.ggml_log_set(&OnLog, IntPtr.Zero);
    }

    /// <summary>The last error or warning llama.cpp logged on this thread, cleared by reading.</summary>
    public static string? TakeLastError()
    {
        var error = _lastError;
        _lastError = null;
        return error;
    }

    public static void ClearLastError() => _lastError = null;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLog(int level, byte* text, IntPtr userData)
    {
        try
        {
            var fragment = Marshal.PtrToStringUTF8((IntPtr)text) ?? string.Empty;
            var line = _line ??= new StringBuilder();
            if (level != 5 /* GGML_LOG_LEVEL_CONT */)
            {
                _lineLevel = level switch
                {
                    1 => LogLevel.Trace,
                    2 => LogLevel.Debug,
                    3 => LogLevel.Warning,
                    4 => LogLevel.Error,
                    _ => LogLevel.Debug,
                };
            }

            line.Append(fragment);
            if (line.Length == 0 || line[^1] != '\n')
            {
                return;
            }

            var message = line.ToString().TrimEnd();
            line.Clear();
            if (_lineLevel >= LogLevel.Warning)
            {
                _lastError = message;
            }

            _logger?.Log(_lineLevel, "llama.cpp: {Message}", message);
        }
        catch
        {
            // An exception must never unwind into native code; a lost log line is the lesser harm.
        }
    }
}

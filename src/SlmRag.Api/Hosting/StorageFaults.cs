using Microsoft.Data.Sqlite;

namespace SlmRag.Api.Hosting;

/// <summary>Recognises storage faults in the exceptions .NET and SQLite raise for them, on Linux and Windows.</summary>
internal static class StorageFaults
{
    private const int Enospc = 28;
    private const int Erofs = 30;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    public static bool IsDiskFull(Exception exception) => Chain(exception).Any(e => e switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 13, // SQLITE_FULL
        IOException io => io.HResult is Enospc or WindowsDiskFull or WindowsHandleDiskFull || (io.HResult & 0xFFFF) == Enospc,
        _ => false,
    });

    public static bool IsReadOnly(Exception exception) => Chain(exception).Any(e => e switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 8, // SQLITE_READONLY
        IOException io => io.HResult == Erofs,
        UnauthorizedAccessException => true,
        _ => false,
    });

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}

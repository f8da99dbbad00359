using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;

namespace SlmRag.Api.Hosting;

/// <summary>
/// Faults a caller can act on, as ProblemDetails instead of a bare 500: a body over its limit (413), a full
/// disk under the data directory (507), a read-only data directory or a damaged database (503).
/// </summary>
internal sealed class RequestFaultExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = Classify(exception);
        if (status == 0)
        {
            return false;
        }

        await Results.Problem(detail, statusCode: status, title: title).ExecuteAsync(httpContext);
        return true;
    }

    internal static (int Status, string Title, string Detail) Classify(Exception exception) => exception switch
    {
        BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
        _ when StorageFaults.IsDiskFull(exception) => (StatusCodes.Status507InsufficientStorage, "Insufficient storage",
            "The disk holding the data directory (Storage:DataDirectory) is full; nothing was stored. Free space and retry."),
        _ when StorageFaults.IsReadOnly(exception) => (StatusCodes.Status503ServiceUnavailable, "Storage is read-only",
            "The data directory (Storage:DataDirectory) cannot be written; nothing was stored. Check its permissions and mount, then retry."),
        SqliteException { SqliteErrorCode: 11 or 26 } => (StatusCodes.Status503ServiceUnavailable, "Database damaged",
            "The database file (Storage:DataDirectory/slmrag.db) is damaged; /healthz names the check that failed. Restore it from a backup."),
        _ => (0, string.Empty, string.Empty),
    };
}

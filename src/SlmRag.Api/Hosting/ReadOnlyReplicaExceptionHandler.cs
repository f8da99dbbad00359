using Microsoft.AspNetCore.Diagnostics;

namespace SlmRag.Api.Hosting;

/// <summary>A query replica's catalog refuses changes with NotSupportedException; callers get 405 ProblemDetails saying where to go instead.</summary>
internal sealed class ReadOnlyReplicaExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not NotSupportedException)
        {
            return false;
        }

        await Results.Problem(exception.Message, statusCode: StatusCodes.Status405MethodNotAllowed, title: "Read-only replica").ExecuteAsync(httpContext);
        return true;
    }
}

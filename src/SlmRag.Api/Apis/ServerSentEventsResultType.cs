namespace SlmRag.Api.Apis;

/// <summary>The typed-result wrapper of a Server-Sent Events answer, so endpoints can list it among their results.</summary>
public sealed class ServerSentEventsResultType : IResult
{
    private readonly IResult _inner;

    internal ServerSentEventsResultType(IResult inner) => _inner = inner;

    public Task ExecuteAsync(HttpContext httpContext) => _inner.ExecuteAsync(httpContext);
}

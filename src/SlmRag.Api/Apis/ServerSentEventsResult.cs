using System.Text.Json;
using SlmRag.Answers;

namespace SlmRag.Api.Apis;

/// <summary>
/// Streams answer events as Server-Sent Events. The first event is produced before this result is
/// returned, so failures before any output (busy model, unknown collection) still become ProblemDetails.
/// </summary>
public sealed class ServerSentEventsResult : IResult
{
    private readonly AnswerEvent first;
    private readonly IAsyncEnumerator<AnswerEvent> rest;
    private readonly Func<AnswerEvent, (string? Name, object Data)?> format;
    private readonly string? terminator;

    internal ServerSentEventsResult(AnswerEvent first, IAsyncEnumerator<AnswerEvent> rest, Func<AnswerEvent, (string? Name, object Data)?> format, string? terminator = null)
    {
        this.first = first;
        this.rest = rest;
        this.format = format;
        this.terminator = terminator;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        var json = httpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        await using (rest)
        {
            await WriteAsync(response, format(first), json, httpContext.RequestAborted);
            while (await rest.MoveNextAsync())
            {
                await WriteAsync(response, format(rest.Current), json, httpContext.RequestAborted);
            }
        }

        if (terminator is not null)
        {
            await response.WriteAsync($"data: {terminator}\n\n", httpContext.RequestAborted);
            await response.Body.FlushAsync(httpContext.RequestAborted);
        }
    }

    private static async Task WriteAsync(HttpResponse response, (string? Name, object Data)? item, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        if (item is not { } value)
        {
            return;
        }

        var text = (value.Name is null ? string.Empty : $"event: {value.Name}\n") + $"data: {JsonSerializer.Serialize(value.Data, value.Data.GetType(), json)}\n\n";
        await response.WriteAsync(text, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}

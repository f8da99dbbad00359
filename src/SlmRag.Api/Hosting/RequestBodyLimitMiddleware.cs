using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace SlmRag.Api.Hosting;

/// <summary>
/// Every endpoint that reads a body gets a limit: its own (<see cref="IRequestSizeLimitMetadata"/>, e.g. uploads,
/// questions) or <see cref="DefaultBytes"/>. A declared length over it is refused before reading; a body that
/// grows past it fails with 413 while being read.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    /// <summary>JSON requests (search, collections, questions' envelopes) are small.</summary>
    public const long DefaultBytes = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>();
        var limit = metadata?.MaxRequestBodySize ?? DefaultBytes;
        if (context.Request.ContentLength > limit)
        {
            var setting = metadata is BodyLimit { Setting: { } name } ? $" ({name})" : string.Empty;
            await Results.Problem($"The request body is {context.Request.ContentLength:N0} bytes, more than the limit of {limit:N0}{setting}.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large").ExecuteAsync(context);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        context.Request.Body = new LimitedReadStream(context.Request.Body, limit);
        await next(context);
    }
}

namespace SlmRag.Api.Apis;

/// <summary>
/// OpenAI's error shape, <c>{"error": {"message", "type", "param", "code"}}</c>, for the endpoints marked
/// <see cref="OpenAICompatibleMetadata"/>: written by their endpoint filter, and by authentication and the rate limiter,
/// which answer before the endpoint runs. OpenAI client libraries parse it; a ProblemDetails they cannot.
/// </summary>
internal static class OpenAIErrors
{
    public sealed record ErrorBody(OpenAIError Error);

    public sealed record OpenAIError(string Message, string Type, string? Param, string? Code);

    /// <summary>True when the request was routed to an OpenAI-compatible endpoint.</summary>
    public static bool AppliesTo(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<OpenAICompatibleMetadata>() is not null;

    public static ErrorBody Body(int status, string message) => new(new OpenAIError(message, TypeOf(status), null, CodeOf(status)));

    public static IResult Result(int status, string message) => TypedResults.Json(Body(status, message), statusCode: status);

    public static Task WriteAsync(HttpContext context, int status, string message) => Result(status, message).ExecuteAsync(context);

    private static string TypeOf(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "authentication_error",
        StatusCodes.Status403Forbidden => "permission_error",
        StatusCodes.Status404NotFound => "not_found_error",
        StatusCodes.Status429TooManyRequests => "rate_limit_error",
        >= 500 => "server_error",
        _ => "invalid_request_error",
    };

    private static string? CodeOf(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "invalid_api_key",
        StatusCodes.Status404NotFound => "model_not_found",
        StatusCodes.Status429TooManyRequests => "rate_limit_exceeded",
        _ => null,
    };
}

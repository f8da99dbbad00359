using Microsoft.AspNetCore.Http.HttpResults;

namespace SlmRag.Api.Apis;

/// <summary>
/// On the OpenAI-compatible endpoints, errors take OpenAI's shape, <c>{"error": {"message", "type", "param", "code"}}</c>,
/// with the same status, so OpenAI client libraries report the message instead of failing to parse a ProblemDetails.
/// </summary>
internal sealed class OpenAIErrorFilter : IEndpointFilter
{
    public sealed record ErrorBody(OpenAIError Error);

    public sealed record OpenAIError(string Message, string Type, string? Param, string? Code);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        return (result is INestedHttpResult nested ? nested.Result : result) switch
        {
            ProblemHttpResult problem => Error(problem.StatusCode, problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "Request failed."),
            ValidationProblem validation => Error(validation.StatusCode, string.Join(" ", validation.ProblemDetails.Errors.SelectMany(e => e.Value))),
            _ => result,
        };
    }

    private static JsonHttpResult<ErrorBody> Error(int status, string message) =>
        TypedResults.Json(new ErrorBody(new OpenAIError(message, TypeOf(status), null, CodeOf(status))), statusCode: status);

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
        StatusCodes.Status404NotFound => "model_not_found",
        StatusCodes.Status429TooManyRequests => "rate_limit_exceeded",
        _ => null,
    };
}

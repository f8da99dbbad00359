using Microsoft.AspNetCore.Http.HttpResults;

namespace SlmRag.Api.Apis;

/// <summary>
/// On the OpenAI-compatible endpoints, ProblemDetails results become OpenAI's error shape (<see cref="OpenAIErrors"/>)
/// with the same status, so OpenAI client libraries report the message instead of failing to parse it.
/// </summary>
internal sealed class OpenAIErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        return (result is INestedHttpResult nested ? nested.Result : result) switch
        {
            ProblemHttpResult problem => OpenAIErrors.Result(problem.StatusCode, problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "Request failed."),
            ValidationProblem validation => OpenAIErrors.Result(validation.StatusCode, string.Join(" ", validation.ProblemDetails.Errors.SelectMany(e => e.Value))),
            _ => result,
        };
    }
}

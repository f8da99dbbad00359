using Microsoft.AspNetCore.Http.HttpResults;
using SlmRag.Core.Collections;
using SlmRag.LlamaCpp;

namespace SlmRag.Api.Apis;

/// <summary>Maps what can go wrong before an answer starts to ProblemDetails; null for anything else.</summary>
internal static class AnswerFailures
{
    public static ProblemHttpResult? ToProblem(Exception exception, string collection, HttpContext context) => exception switch
    {
        CollectionNotFoundException => Problems.CollectionNotFound(collection),
        EmbeddingModelMismatchException e => TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Embedding model mismatch"),
        LlamaBusyException e => Busy(e, context),
        LlamaContextOverflowException e => TypedResults.Problem(e.Message, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Question too long for the model"),
        _ => null,
    };

    private static ProblemHttpResult Busy(LlamaBusyException busy, HttpContext context)
    {
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(busy.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(busy.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Local model busy");
    }
}

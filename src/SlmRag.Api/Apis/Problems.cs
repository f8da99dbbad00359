using Microsoft.AspNetCore.Http.HttpResults;

namespace SlmRag.Api.Apis;

/// <summary>The ProblemDetails responses several APIs share.</summary>
public static class Problems
{
    public static ProblemHttpResult CollectionNotFound(string collection) =>
        TypedResults.Problem($"There is no collection named '{collection}'. Create it with POST /v1/collections.", statusCode: StatusCodes.Status404NotFound, title: "Collection not found");

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem($"{what} was not found.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult BadRequest(string detail, string title = "Invalid request") =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: title);
}

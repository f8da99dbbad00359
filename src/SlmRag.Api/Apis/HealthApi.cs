using Microsoft.AspNetCore.Http.HttpResults;
using SlmRag.Ingestion.Worker;

namespace SlmRag.Api.Apis;

public static class HealthApi
{
    public sealed record HealthResponse(string Status, long UnexpectedIngestionFailures);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", GetHealth).WithName("GetHealth").WithTags("Health");
        return app;
    }

    public static Ok<HealthResponse> GetHealth(JobItemProcessor processor) =>
        TypedResults.Ok(new HealthResponse("ok", processor.UnexpectedFailures));
}

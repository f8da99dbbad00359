using Microsoft.AspNetCore.Http.HttpResults;
using SlmRag.Answers.Routing;
using SlmRag.Api.Security;

namespace SlmRag.Api.Apis;

public static class RouterApi
{
    public static IEndpointRouteBuilder MapRouterApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/router/stats", GetStats).WithName("RouterStats").WithTags("Router").RequireAuthorization(Scopes.Admin);
        return app;
    }

    /// <summary>Route shares, escalation reasons, frontier tokens and estimated cost, median latency per route.</summary>
    public static Ok<RouterStatistics> GetStats(RouterLog log) => TypedResults.Ok(RouterStatistics.From(log.Decisions()));
}

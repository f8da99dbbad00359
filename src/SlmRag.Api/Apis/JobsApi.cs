using Microsoft.AspNetCore.Http.HttpResults;
using SlmRag.Core.Jobs;
using SlmRag.Core.Storage;
using System.Security.Claims;
using SlmRag.Api.Security;

namespace SlmRag.Api.Apis;

public static class JobsApi
{
    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/jobs").WithTags("Jobs").RequireAuthorization(Scopes.Ingest)
            .RequireRateLimiting(SecurityServiceCollectionExtensions.RateLimitPolicy);
        group.MapGet("/", ListJobs).WithName("ListJobs");
        group.MapGet("/{jobId}", GetJob).WithName("GetJob");
        group.MapGet("/{jobId}/progress", GetJobProgress).WithName("GetJobProgress");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<IngestionJob>>> ListJobs(IJobStore jobs, ClaimsPrincipal user, string? collection, int? limit, CancellationToken cancellationToken)
    {
        var caller = CallerAccess.From(user);
        var list = await jobs.ListJobsAsync(collection, Math.Clamp(limit ?? 20, 1, 200), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<IngestionJob>>(list.Where(j => caller.CanUse(j.Collection)).ToList());
    }

    /// <summary>State and counters only: cheap to poll, whatever the size of the job.</summary>
    public static async Task<Results<Ok<JobSummary>, ProblemHttpResult>> GetJobProgress(string jobId, IJobStore jobs, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await jobs.GetJobSummaryAsync(jobId, cancellationToken) is { } summary && CallerAccess.From(user).CanUse(summary.Collection)
            ? TypedResults.Ok(summary) : Problems.NotFound($"Job '{jobId}'");

    public static async Task<Results<Ok<IngestionJob>, ProblemHttpResult>> GetJob(string jobId, IJobStore jobs, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await jobs.GetJobAsync(jobId, cancellationToken) is { } job && CallerAccess.From(user).CanUse(job.Collection)
            ? TypedResults.Ok(job) : Problems.NotFound($"Job '{jobId}'");
}

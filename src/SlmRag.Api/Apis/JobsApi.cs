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

    /// <summary>
    /// Jobs of the caller's collections, showing only the files whose access groups it shares (as search does); the store leaves out
    /// jobs it may not see before the limit, so the length of the list does not count them.
    /// </summary>
    public static async Task<Ok<IReadOnlyList<IngestionJob>>> ListJobs(IJobStore jobs, ClaimsPrincipal user, string? collection, int? limit, CancellationToken cancellationToken)
    {
        var caller = CallerAccess.From(user);
        var everything = caller.Filter().SeesEverything || caller.Anonymous;
        var query = new JobQuery(collection, Math.Clamp(limit ?? 20, 1, 200),
            caller.Collections.Count == 0 || caller.Collections.Contains("*") ? null : caller.Collections, everything ? null : caller.Filter());
        var list = await jobs.ListJobsAsync(query, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<IngestionJob>>(list.Select(j => Visible(j, caller)).OfType<IngestionJob>().ToList());
    }

    /// <summary>State and counters only: cheap to poll, whatever the size of the job (for callers who see every file of it).</summary>
    public static async Task<Results<Ok<JobSummary>, ProblemHttpResult>> GetJobProgress(string jobId, IJobStore jobs, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var caller = CallerAccess.From(user);
        if (caller.Filter().SeesEverything || caller.Anonymous)
        {
            return await jobs.GetJobSummaryAsync(jobId, cancellationToken) is { } summary && caller.CanUse(summary.Collection)
                ? TypedResults.Ok(summary) : Problems.NotFound($"Job '{jobId}'");
        }

        return Visible(await jobs.GetJobAsync(jobId, cancellationToken), caller) is { } job
            ? TypedResults.Ok(new JobSummary(job.Id, job.Collection, job.State, job.Progress)) : Problems.NotFound($"Job '{jobId}'");
    }

    public static async Task<Results<Ok<IngestionJob>, ProblemHttpResult>> GetJob(string jobId, IJobStore jobs, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        Visible(await jobs.GetJobAsync(jobId, cancellationToken), CallerAccess.From(user)) is { } job
            ? TypedResults.Ok(job) : Problems.NotFound($"Job '{jobId}'");

    /// <summary>The job with the items the caller may see, or null when it may see none (then the job is not confirmed either).</summary>
    private static IngestionJob? Visible(IngestionJob? job, CallerAccess caller)
    {
        if (job is null || !caller.CanUse(job.Collection))
        {
            return null;
        }

        var filter = caller.Filter();
        if (filter.SeesEverything || caller.Anonymous)
        {
            // Administrators see every file; so does everyone in open mode (no keys), where every caller may administer.
            return job;
        }

        var items = job.Items.Where(i => filter.Allows([], i.Metadata.AccessGroups)).ToList();
        return items.Count == 0 && job.Items.Count > 0 ? null : job with { Items = items };
    }
}

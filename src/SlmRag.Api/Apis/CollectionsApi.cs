using Microsoft.AspNetCore.Http.HttpResults;
using SlmRag.Core.Collections;
using SlmRag.Core.Storage;
using System.Security.Claims;
using SlmRag.Api.Security;

namespace SlmRag.Api.Apis;

public static class CollectionsApi
{
    public sealed record CreateCollectionRequest(string Name, string? Description, bool LocalOnly = false);

    public static IEndpointRouteBuilder MapCollectionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/collections").WithTags("Collections").AddEndpointFilter<CollectionAccessFilter>()
            .RequireRateLimiting(SecurityServiceCollectionExtensions.RateLimitPolicy);
        group.MapPost("/", CreateCollection).WithName("CreateCollection").RequireAuthorization(Scopes.Admin)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(AskApi.QuestionRequestBytes));
        group.MapGet("/", ListCollections).WithName("ListCollections").RequireAuthorization(Scopes.Query);
        group.MapGet("/{collection}", GetCollection).WithName("GetCollection").RequireAuthorization(Scopes.Query);
        group.MapDelete("/{collection}", DeleteCollection).WithName("DeleteCollection").RequireAuthorization(Scopes.Admin);
        return app;
    }

    public static async Task<Results<Created<CollectionSummary>, ValidationProblem, ProblemHttpResult>> CreateCollection(
        CreateCollectionRequest request, ICatalogStore catalog, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!CollectionName.IsValid(request.Name))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [$"A collection name has {CollectionName.Rule}."] });
        }

        var collection = new Collection(request.Name, request.Description, request.LocalOnly, null, time.GetUtcNow());
        if (!await catalog.CreateCollectionAsync(collection, cancellationToken))
        {
            return TypedResults.Problem($"A collection named '{request.Name}' already exists.", statusCode: StatusCodes.Status409Conflict, title: "Collection exists");
        }

        return TypedResults.Created($"/v1/collections/{collection.Name}", new CollectionSummary(collection, 0, 0));
    }

    /// <summary>The collections this API key may use, counting only the documents it can read.</summary>
    public static async Task<Ok<IReadOnlyList<CollectionSummary>>> ListCollections(ICatalogStore catalog, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var caller = CallerAccess.From(user);
        var visible = new List<CollectionSummary>();
        foreach (var summary in (await catalog.ListCollectionsAsync(cancellationToken)).Where(c => caller.CanUse(c.Collection.Name)))
        {
            visible.Add(await VisibleCounts.ForAsync(summary, catalog, caller, cancellationToken));
        }

        return TypedResults.Ok<IReadOnlyList<CollectionSummary>>(visible);
    }

    public static async Task<Results<Ok<CollectionSummary>, ProblemHttpResult>> GetCollection(string collection, ICatalogStore catalog, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var summaries = await catalog.ListCollectionsAsync(cancellationToken);
        return summaries.FirstOrDefault(s => s.Collection.Name == collection) is { } summary
            ? TypedResults.Ok(await VisibleCounts.ForAsync(summary, catalog, CallerAccess.From(user), cancellationToken))
            : Problems.CollectionNotFound(collection);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteCollection(string collection, ICatalogStore catalog, CancellationToken cancellationToken) =>
        await catalog.DeleteCollectionAsync(collection, cancellationToken) ? TypedResults.NoContent() : Problems.CollectionNotFound(collection);
}

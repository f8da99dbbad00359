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
            visible.Add(await VisibleCountsAsync(summary, catalog, caller, cancellationToken));
        }

        return TypedResults.Ok<IReadOnlyList<CollectionSummary>>(visible);
    }

    public static async Task<Results<Ok<CollectionSummary>, ProblemHttpResult>> GetCollection(string collection, ICatalogStore catalog, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var summaries = await catalog.ListCollectionsAsync(cancellationToken);
        return summaries.FirstOrDefault(s => s.Collection.Name == collection) is { } summary
            ? TypedResults.Ok(await VisibleCountsAsync(summary, catalog, CallerAccess.From(user), cancellationToken))
            : Problems.CollectionNotFound(collection);
    }

    /// <summary>
    /// Documents hidden from the caller are not counted. A query replica cannot list documents: there only
    /// administrators see counts (others get zeros rather than totals that include hidden documents).
    /// </summary>
    private static async Task<CollectionSummary> VisibleCountsAsync(CollectionSummary summary, ICatalogStore catalog, CallerAccess caller, CancellationToken cancellationToken)
    {
        var filter = caller.Filter();
        if (filter.SeesEverything)
        {
            return summary;
        }

        try
        {
            var page = await catalog.ListDocumentsAsync(summary.Collection.Name, new DocumentQuery(Take: 1, Access: filter), cancellationToken);
            return summary with { Documents = page.Total, Chunks = page.TotalChunks };
        }
        catch (NotSupportedException)
        {
            return summary with { Documents = 0, Chunks = 0 };
        }
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteCollection(string collection, ICatalogStore catalog, CancellationToken cancellationToken) =>
        await catalog.DeleteCollectionAsync(collection, cancellationToken) ? TypedResults.NoContent() : Problems.CollectionNotFound(collection);
}

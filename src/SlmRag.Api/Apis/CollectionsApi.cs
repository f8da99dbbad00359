using Microsoft.AspNetCore.Http.HttpResults;
using SlmRag.Core.Collections;
using SlmRag.Core.Storage;

namespace SlmRag.Api.Apis;

public static class CollectionsApi
{
    public sealed record CreateCollectionRequest(string Name, string? Description, bool LocalOnly = false);

    public static IEndpointRouteBuilder MapCollectionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/collections").WithTags("Collections");
        group.MapPost("/", CreateCollection).WithName("CreateCollection");
        group.MapGet("/", ListCollections).WithName("ListCollections");
        group.MapGet("/{collection}", GetCollection).WithName("GetCollection");
        group.MapDelete("/{collection}", DeleteCollection).WithName("DeleteCollection");
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

    public static async Task<Ok<IReadOnlyList<CollectionSummary>>> ListCollections(ICatalogStore catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok(await catalog.ListCollectionsAsync(cancellationToken));

    public static async Task<Results<Ok<CollectionSummary>, ProblemHttpResult>> GetCollection(string collection, ICatalogStore catalog, CancellationToken cancellationToken)
    {
        var summaries = await catalog.ListCollectionsAsync(cancellationToken);
        return summaries.FirstOrDefault(s => s.Collection.Name == collection) is { } summary
            ? TypedResults.Ok(summary)
            : Problems.CollectionNotFound(collection);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteCollection(string collection, ICatalogStore catalog, CancellationToken cancellationToken) =>
        await catalog.DeleteCollectionAsync(collection, cancellationToken) ? TypedResults.NoContent() : Problems.CollectionNotFound(collection);
}

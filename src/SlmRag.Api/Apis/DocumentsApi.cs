using Microsoft.AspNetCore.Http.HttpResults;
using SlmRag.Core.Chunking;
using SlmRag.Core.Documents;
using SlmRag.Core.Jobs;
using SlmRag.Core.Storage;
using System.Security.Claims;
using SlmRag.Api.Security;

namespace SlmRag.Api.Apis;

public static class DocumentsApi
{
    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/collections/{collection}/documents").WithTags("Documents").AddEndpointFilter<CollectionAccessFilter>()
            .RequireRateLimiting(SecurityServiceCollectionExtensions.RateLimitPolicy);
        var maxUpload = app.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<SlmRag.Ingestion.IngestionOptions>>().Value.MaxRequestBytes;
        group.MapPost("/", UploadDocuments).WithName("UploadDocuments").DisableAntiforgery()
            .Accepts<IFormFileCollection>("multipart/form-data").RequireAuthorization(Scopes.Ingest)
            .WithMetadata(new Hosting.BodyLimit(maxUpload, "Ingestion:MaxRequestBytes"));
        group.MapGet("/", ListDocuments).WithName("ListDocuments").RequireAuthorization(Scopes.Query);
        group.MapGet("/{documentId}", GetDocument).WithName("GetDocument").RequireAuthorization(Scopes.Query);
        group.MapDelete("/{documentId}", DeleteDocument).WithName("DeleteDocument").RequireAuthorization(Scopes.Ingest);
        group.MapGet("/{documentId}/chunks", GetChunks).WithName("GetDocumentChunks").RequireAuthorization(Scopes.Query);
        return app;
    }

    /// <summary>
    /// Streams a multipart upload into the blob store and queues one job for all its files.
    /// Form fields (any order): files, tags, accessGroups, sourceUrl, title, key (one file only), password.
    /// </summary>
    public static async Task<Results<Accepted<IngestionJob>, ProblemHttpResult>> UploadDocuments(
        string collection, HttpRequest request, UploadReader reader, ICatalogStore catalog, IConfiguration configuration, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (string.Equals(configuration["Storage:Qdrant:Role"], "Query", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem("This instance is a query replica; upload documents to the ingestion node.", statusCode: StatusCodes.Status405MethodNotAllowed, title: "Read-only replica");
        }

        if (await catalog.GetCollectionAsync(collection, cancellationToken) is null)
        {
            return Problems.CollectionNotFound(collection);
        }

        return await reader.ReadAsync(collection, request, CallerAccess.From(user), cancellationToken);
    }

    /// <summary>Documents of the collection; documents whose access list excludes the caller are left out of the page and the total.</summary>
    public static async Task<Results<Ok<DocumentPage>, ProblemHttpResult>> ListDocuments(
        string collection, ICatalogStore catalog, ClaimsPrincipal user, string? tag, int? skip, int? take, CancellationToken cancellationToken)
    {
        if (await catalog.GetCollectionAsync(collection, cancellationToken) is null)
        {
            return Problems.CollectionNotFound(collection);
        }

        var caller = CallerAccess.From(user);
        var query = new DocumentQuery(tag, Math.Max(0, skip ?? 0), Math.Clamp(take ?? 100, 1, 1000), caller.Filter());
        return TypedResults.Ok(await catalog.ListDocumentsAsync(collection, query, cancellationToken));
    }

    public static async Task<Results<Ok<DocumentRecord>, ProblemHttpResult>> GetDocument(string collection, string documentId, ICatalogStore catalog, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await catalog.GetDocumentAsync(collection, documentId, cancellationToken) is { } document && CallerAccess.From(user).MayRead(document)
            ? TypedResults.Ok(document)
            : Problems.NotFound($"Document '{documentId}' in collection '{collection}'");

    /// <summary>Deletes a document the caller can read; one it cannot read answers 404, like one that does not exist.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteDocument(string collection, string documentId, ICatalogStore catalog, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await catalog.GetDocumentAsync(collection, documentId, cancellationToken) is { } document && CallerAccess.From(user).MayRead(document)
            && await catalog.DeleteDocumentAsync(collection, documentId, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"Document '{documentId}' in collection '{collection}'");

    public static async Task<Results<Ok<IReadOnlyList<Chunk>>, ProblemHttpResult>> GetChunks(string collection, string documentId, ICatalogStore catalog, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await catalog.GetDocumentAsync(collection, documentId, cancellationToken) is not { } document || !CallerAccess.From(user).MayRead(document))
        {
            return Problems.NotFound($"Document '{documentId}' in collection '{collection}'");
        }

        return TypedResults.Ok(await catalog.GetChunksAsync(collection, documentId, cancellationToken));
    }
}

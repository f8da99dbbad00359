using Microsoft.AspNetCore.Http.HttpResults;
using SlmRag.Core.Chunking;
using SlmRag.Core.Documents;
using SlmRag.Core.Jobs;
using SlmRag.Core.Storage;

namespace SlmRag.Api.Apis;

public static class DocumentsApi
{
    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/collections/{collection}/documents").WithTags("Documents");
        group.MapPost("/", UploadDocuments).WithName("UploadDocuments").DisableAntiforgery()
            .Accepts<IFormFileCollection>("multipart/form-data");
        group.MapGet("/", ListDocuments).WithName("ListDocuments");
        group.MapGet("/{documentId}", GetDocument).WithName("GetDocument");
        group.MapDelete("/{documentId}", DeleteDocument).WithName("DeleteDocument");
        group.MapGet("/{documentId}/chunks", GetChunks).WithName("GetDocumentChunks");
        return app;
    }

    /// <summary>
    /// Streams a multipart upload into the blob store and queues one job for all its files.
    /// Form fields (any order): files, tags, accessGroups, sourceUrl, title, key (one file only), password.
    /// </summary>
    public static async Task<Results<Accepted<IngestionJob>, ProblemHttpResult>> UploadDocuments(
        string collection, HttpRequest request, UploadReader reader, ICatalogStore catalog, CancellationToken cancellationToken)
    {
        if (await catalog.GetCollectionAsync(collection, cancellationToken) is null)
        {
            return Problems.CollectionNotFound(collection);
        }

        return await reader.ReadAsync(collection, request, cancellationToken);
    }

    public static async Task<Results<Ok<DocumentPage>, ProblemHttpResult>> ListDocuments(
        string collection, ICatalogStore catalog, string? tag, int? skip, int? take, CancellationToken cancellationToken)
    {
        if (await catalog.GetCollectionAsync(collection, cancellationToken) is null)
        {
            return Problems.CollectionNotFound(collection);
        }

        var query = new DocumentQuery(tag, Math.Max(0, skip ?? 0), Math.Clamp(take ?? 100, 1, 1000));
        return TypedResults.Ok(await catalog.ListDocumentsAsync(collection, query, cancellationToken));
    }

    public static async Task<Results<Ok<DocumentRecord>, ProblemHttpResult>> GetDocument(string collection, string documentId, ICatalogStore catalog, CancellationToken cancellationToken) =>
        await catalog.GetDocumentAsync(collection, documentId, cancellationToken) is { } document
            ? TypedResults.Ok(document)
            : Problems.NotFound($"Document '{documentId}' in collection '{collection}'");

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteDocument(string collection, string documentId, ICatalogStore catalog, CancellationToken cancellationToken) =>
        await catalog.DeleteDocumentAsync(collection, documentId, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"Document '{documentId}' in collection '{collection}'");

    public static async Task<Results<Ok<IReadOnlyList<Chunk>>, ProblemHttpResult>> GetChunks(string collection, string documentId, ICatalogStore catalog, CancellationToken cancellationToken)
    {
        if (await catalog.GetDocumentAsync(collection, documentId, cancellationToken) is null)
        {
            return Problems.NotFound($"Document '{documentId}' in collection '{collection}'");
        }

        return TypedResults.Ok(await catalog.GetChunksAsync(collection, documentId, cancellationToken));
    }
}

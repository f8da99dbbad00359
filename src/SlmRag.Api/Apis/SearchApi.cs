using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SlmRag.Core.Chunking;
using SlmRag.Core.Collections;
using SlmRag.Core.Retrieval;
using SlmRag.Core.Storage;
using System.Security.Claims;
using SlmRag.Api.Security;

namespace SlmRag.Api.Apis;

public static class SearchApi
{
    /// <param name="Mode">hybrid (default), lexical or dense.</param>
    /// <param name="Tags">Only chunks of documents carrying all of these tags.</param>
    public sealed record SearchRequest(string Query, int? Limit = null, RetrievalMode Mode = RetrievalMode.Hybrid, IReadOnlyList<string>? Tags = null);

    public sealed record SearchHit(double Score, RetrieverEvidence? Lexical, RetrieverEvidence? Dense, Chunk Chunk);

    public sealed record SearchResponse(string Collection, string Query, RetrievalMode Mode, double Milliseconds, IReadOnlyList<SearchHit> Hits);

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/collections/{collection}/search", Search).WithName("Search").WithTags("Search")
            .RequireAuthorization(Scopes.Query).AddEndpointFilter<CollectionAccessFilter>()
            .RequireRateLimiting(SecurityServiceCollectionExtensions.RateLimitPolicy)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(AskApi.QuestionRequestBytes));
        return app;
    }

    /// <summary>Hybrid search with the caller's access (its groups) and the tags applied inside the search.</summary>
    public static async Task<Results<Ok<SearchResponse>, ValidationProblem, ProblemHttpResult>> Search(
        string collection, SearchRequest request, HybridRetriever retriever, ICatalogStore catalog, IOptions<RetrievalOptions> options, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var limit = request.Limit ?? settings.DefaultLimit;
        if (string.IsNullOrWhiteSpace(request.Query) || request.Query.Length > 4000 || limit < 1 || limit > settings.MaxLimit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["query"] = ["A query of 1 to 4000 characters is required."],
                ["limit"] = [$"Between 1 and {settings.MaxLimit} (Retrieval:MaxLimit)."],
            });
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        IReadOnlyList<RetrievedChunk> hits;
        try
        {
            hits = await retriever.RetrieveAsync(collection, request.Query, CallerAccess.From(user).Filter(request.Tags), limit, request.Mode, cancellationToken);
        }
        catch (CollectionNotFoundException)
        {
            return Problems.CollectionNotFound(collection);
        }
        catch (EmbeddingModelMismatchException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Embedding model mismatch");
        }

        var chunks = (await catalog.GetChunksByIdAsync(collection, hits.Select(h => h.ChunkId).ToList(), cancellationToken)).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var results = hits.Where(h => chunks.ContainsKey(h.ChunkId)).Select(h => new SearchHit(h.Score, h.Lexical, h.Dense, chunks[h.ChunkId])).ToList();
        return TypedResults.Ok(new SearchResponse(collection, request.Query, request.Mode, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, results));
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SlmRag.Answers;
using SlmRag.Api.Security;
using SlmRag.Api.Viewer;

namespace SlmRag.Api.Apis;

public static class AskApi
{
    /// <param name="ConversationId">Keeps the conversation: follow-up questions are condensed with the earlier turns.</param>
    /// <param name="Tags">Only documents carrying all of these tags.</param>
    public sealed record AskRequest(string Question, string? ConversationId = null, IReadOnlyList<string>? Tags = null);

    /// <summary>Questions are small; a larger body is refused (413) before it is read.</summary>
    public const int QuestionRequestBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapAskApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/collections/{collection}/ask", Ask).WithName("Ask").WithTags("Answers")
            .RequireAuthorization(Scopes.Query).AddEndpointFilter<CollectionAccessFilter>()
            .RequireRateLimiting(SecurityServiceCollectionExtensions.RateLimitPolicy).RequireCors(SecurityServiceCollectionExtensions.WidgetCorsPolicy)
            .Produces<AnswerResult>().Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(QuestionRequestBytes));
        return app;
    }

    /// <summary>
    /// A grounded answer with citations. With <c>Accept: text/event-stream</c> it streams Server-Sent Events:
    /// <c>delta</c> (text), then <c>citations</c>, then <c>done</c> (the whole answer with usage and timings).
    /// </summary>
    public static async Task<Results<Ok<AnswerResult>, ServerSentEventsResult, ValidationProblem, ProblemHttpResult>> Ask(
        string collection, AskRequest request, AnswerService answers, CitationLinks links, ClaimsPrincipal user, HttpContext context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Question) || request.Question.Length > 4000 || request.ConversationId is { Length: > 128 })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["question"] = ["A question of 1 to 4000 characters is required."],
                ["conversationId"] = ["At most 128 characters."],
            });
        }

        var caller = CallerAccess.From(user);
        var answerRequest = new AnswerRequest(collection, request.Question.Trim(), caller.Filter(request.Tags), caller.Name, request.ConversationId);
        var (started, problem) = await StartedAnswer.StartAsync(answers, answerRequest, context, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (context.Request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            return started!.Stream(item => Format(Linked(item, links, collection, caller)));
        }

        var answer = await started!.CompleteAsync();
        return TypedResults.Ok(answer with { Citations = links.Attach(answer.Citations, collection, caller) });
    }

    private static AnswerEvent Linked(AnswerEvent item, CitationLinks links, string collection, CallerAccess caller) => item switch
    {
        AnswerCitations c => c with { Citations = links.Attach(c.Citations, collection, caller) },
        AnswerCompleted d => new AnswerCompleted(d.Answer with { Citations = links.Attach(d.Answer.Citations, collection, caller) }),
        _ => item,
    };

    private static (string?, object)? Format(AnswerEvent item) => item switch
    {
        AnswerDelta delta => ("delta", new { text = delta.Text }),
        AnswerCitations citations => ("citations", new { citations = citations.Citations, abstained = citations.Abstained }),
        AnswerCompleted done => ("done", done.Answer),
        _ => null,
    };
}

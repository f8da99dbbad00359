using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using SlmRag.Answers;
using SlmRag.Api.Security;
using SlmRag.Core.Storage;

namespace SlmRag.Api.Apis;

/// <summary>
/// OpenAI-compatible chat completions: each collection the key may use is a "model". The last user message
/// is the question, earlier messages the conversation. Answers carry their citations in the extension
/// field <c>citations</c> (on the response, and on the last chunk when streaming).
/// </summary>
public static class ChatCompletionsApi
{
    public sealed record ChatMessageDto(string Role, string? Content);

    public sealed record ChatCompletionRequest(string Model, IReadOnlyList<ChatMessageDto> Messages, bool Stream = false);

    public sealed record ChoiceMessage(string Role, string Content);

    public sealed record Choice(int Index, ChoiceMessage Message, [property: JsonPropertyName("finish_reason")] string FinishReason);

    public sealed record Usage([property: JsonPropertyName("prompt_tokens")] int PromptTokens, [property: JsonPropertyName("completion_tokens")] int CompletionTokens, [property: JsonPropertyName("total_tokens")] int TotalTokens)
    {
        public static Usage From(AnswerUsage usage) => new(usage.InputTokens, usage.OutputTokens, usage.InputTokens + usage.OutputTokens);
    }

    public sealed record ChatCompletion(string Id, string Object, long Created, string Model, IReadOnlyList<Choice> Choices, Usage Usage, IReadOnlyList<Citation> Citations, bool Abstained);

    public sealed record ModelEntry(string Id, string Object, long Created, [property: JsonPropertyName("owned_by")] string OwnedBy);

    public sealed record ModelList(string Object, IReadOnlyList<ModelEntry> Data);

    public static IEndpointRouteBuilder MapChatCompletionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").WithTags("OpenAI-compatible").RequireAuthorization(Scopes.Query)
            .RequireRateLimiting(SecurityServiceCollectionExtensions.RateLimitPolicy).AddEndpointFilter<OpenAIErrorFilter>()
            .WithMetadata(OpenAICompatibleMetadata.Instance);
        // Conversations come whole with each request: allow more than a single question.
        group.MapPost("/chat/completions", Complete).WithName("ChatCompletions")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(16 * AskApi.QuestionRequestBytes));
        group.MapGet("/models", ListModels).WithName("ListModels");
        return app;
    }

    public static async Task<Ok<ModelList>> ListModels(ICatalogStore catalog, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var caller = CallerAccess.From(user);
        var models = (await catalog.ListCollectionsAsync(cancellationToken)).Where(c => caller.CanUse(c.Collection.Name))
            .Select(c => new ModelEntry(c.Collection.Name, "model", c.Collection.CreatedAt.ToUnixTimeSeconds(), "slmrag")).ToList();
        return TypedResults.Ok(new ModelList("list", models));
    }

    public static async Task<Results<Ok<ChatCompletion>, ServerSentEventsResult, ProblemHttpResult>> Complete(
        ChatCompletionRequest request, AnswerService answers, Viewer.CitationLinks links, ClaimsPrincipal user, HttpContext context, CancellationToken cancellationToken)
    {
        var caller = CallerAccess.From(user);
        var question = request.Messages?.LastOrDefault(m => m.Role == "user")?.Content;
        if (string.IsNullOrWhiteSpace(request.Model) || string.IsNullOrWhiteSpace(question) || question.Length > 4000)
        {
            return Problems.BadRequest("'model' must name a collection and the last 'user' message must hold a question of 1 to 4000 characters.");
        }

        if (!caller.CanUse(request.Model))
        {
            return Problems.CollectionNotFound(request.Model);
        }

        var answerRequest = new AnswerRequest(request.Model, question.Trim(), caller.Filter(), caller.Name, History: History(request.Messages!));
        var id = "chatcmpl-" + Guid.NewGuid().ToString("N");
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var (started, problem) = await StartedAnswer.StartAsync(answers, answerRequest, context, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (request.Stream)
        {
            var first = true;
            return started!.Stream(item =>
            {
                object? chunk = item switch
                {
                    AnswerDelta delta => Chunk(id, created, request.Model, new { role = first ? "assistant" : null, content = delta.Text }, null, null),
                    AnswerCompleted done => Chunk(id, created, request.Model, new { }, "stop", done.Answer with { Citations = links.Attach(done.Answer.Citations, request.Model, caller, context.Request) }),
                    _ => null,
                };
                first &= item is not AnswerDelta;
                return chunk is null ? null : (null, chunk);
            }, terminator: "[DONE]");
        }

        var answer = await started!.CompleteAsync();
        return TypedResults.Ok(new ChatCompletion(id, "chat.completion", created, request.Model,
            [new Choice(0, new ChoiceMessage("assistant", answer.Text), "stop")],
            Usage.From(answer.Usage),
            links.Attach(answer.Citations, request.Model, caller, context.Request), answer.Abstained));
    }

    private static object Chunk(string id, long created, string model, object delta, string? finish, AnswerResult? answer) => new
    {
        id,
        @object = "chat.completion.chunk",
        created,
        model,
        choices = new[] { new { index = 0, delta, finish_reason = finish } },
        usage = answer is null ? null : Usage.From(answer.Usage),
        citations = answer?.Citations,
        abstained = answer?.Abstained,
    };

    private static List<ConversationTurn> History(IReadOnlyList<ChatMessageDto> messages)
    {
        var turns = new List<ConversationTurn>();
        string? pending = null;
        foreach (var message in messages.Take(messages.Count - 1))
        {
            if (message.Role == "user")
            {
                pending = message.Content ?? string.Empty;
            }
            else if (message.Role == "assistant" && pending is not null)
            {
                turns.Add(new ConversationTurn(pending, pending, message.Content ?? string.Empty));
                pending = null;
            }
        }

        return turns;
    }
}

using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using SlmRag.Answers.Pipeline;
using SlmRag.Core.Chunking;

namespace SlmRag.Answers.Routing;

/// <summary>
/// The router as Microsoft.Extensions.AI middleware over the local model: decides from the question's route
/// features (from its <see cref="AnswerContext"/>, or from the prompt itself), reserves the frontier budget
/// before escalating and settles it to the actual usage after, falls back to the local model when the frontier
/// fails before its first token, and records the decision (and each escalated exchange) in the
/// <see cref="RouterLog"/>. Every update carries the id of the model that produced it and the response's
/// additional properties carry the <see cref="RouteDecision"/> under <see cref="DecisionKey"/>. Thread-safe.
/// </summary>
public sealed class RouterChatClient(IChatClient local, FrontierClient frontier, QuestionRouter router, FrontierBudget budget,
    RouterLog log, ITokenCounter counter, int localWindowTokens) : DelegatingChatClient(local)
{
    /// <summary>Key of the <see cref="RouteDecision"/> in the additional properties of the first update.</summary>
    public const string DecisionKey = "slmrag.route";

    /// <summary>Option key naming the caller whose budget an escalation uses (without an <see cref="AnswerContext"/>).</summary>
    public const string CallerKey = "slmrag.caller";

    /// <summary>Option key that keeps a prompt local whatever its features (a local-only source).</summary>
    public const string LocalOnlyKey = "slmrag.localOnly";

    /// <summary>How far a frontier's own tokenizer may exceed our estimate, for the budget reservation (small vocabularies split more).</summary>
    private const int UnknownTokenizerMargin = 2;

    /// <summary>Tokens a chat message adds around its text (role and separators).</summary>
    private const int MessageOverheadTokens = 4;

    /// <summary>The frontier and the local model, by key (<see cref="RouteTarget"/>), besides the usual services.</summary>
    public override object? GetService(Type serviceType, object? serviceKey = null) => serviceKey switch
    {
        RouteTarget.Frontier => frontier.Client?.GetService(serviceType),
        RouteTarget.Local => InnerClient.GetService(serviceType),
        _ => serviceType == typeof(RouterChatClient) ? this : base.GetService(serviceType, serviceKey),
    };

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var activity = AnswerTelemetry.Source.StartActivity("slmrag.answer.route");
        var clock = Stopwatch.StartNew();
        var context = AnswerContext.From(options);
        var caller = context?.Request.Caller ?? options?.AdditionalProperties?.GetValueOrDefault(CallerKey) as string ?? "anonymous";
        var localOnly = context?.Collection.LocalOnly ?? options?.AdditionalProperties?.GetValueOrDefault(LocalOnlyKey) is true;
        var decision = Decide(messages, context, caller, localOnly);
        var prompt = messages as IList<ChatMessage> ?? messages.ToList();
        BudgetReservation? reservation = null;
        if (decision.Target == RouteTarget.Frontier)
        {
            // Long-context mode: the same retrieval packed into the frontier's larger window.
            prompt = context is null ? prompt : GroundedPrompt.Build(context.Request.Question, context.FrontierSources);
            // The worst case: exact for OpenAI tokenizers; twice our estimate for a frontier whose tokenizer we do not know.
            var promptTokens = CountPrompt(prompt) * (frontier.Counter is null ? UnknownTokenizerMargin : 1);
            reservation = budget.TryReserve(caller, promptTokens + frontier.MaxOutputTokens);
            decision = reservation is null ? decision with { Target = RouteTarget.Local, Reason = "budget-exhausted" } : decision;
        }

        var usage = new AnswerUsage(0, 0);
        var text = new System.Text.StringBuilder();
        IAsyncEnumerator<ChatResponseUpdate>? stream = null;
        var more = false;
        if (reservation is not null)
        {
            stream = frontier.Client!.GetStreamingResponseAsync(prompt, ForFrontier(options), cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                more = await stream.MoveNextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not ArgumentException)
            {
                // Outage, timeout or refusal before the first token: answer locally and say so.
                await stream.DisposeAsync().ConfigureAwait(false);
                (stream, more) = (null, false);
                reservation.Settle(0);
                decision = decision with { Target = RouteTarget.Local, Reason = "frontier-failed", Warning = $"The frontier model failed ({e.GetType().Name}: {e.Message}); answered locally." };
            }
        }

        if (context is not null)
        {
            context.Route = decision;
            context.Sources = stream is null ? context.LocalSources : context.FrontierSources;
        }

        activity?.SetTag("slmrag.route", decision.Target.ToString());
        activity?.SetTag("slmrag.route.reason", decision.Reason);
        var first = true;
        stream ??= InnerClient.GetStreamingResponseAsync(prompt, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        if (decision.Target == RouteTarget.Local)
        {
            more = await stream.MoveNextAsync().ConfigureAwait(false);
        }

        var model = (decision.Target == RouteTarget.Frontier ? frontier.Client! : InnerClient).GetService<ChatClientMetadata>()?.DefaultModelId;
        await using (stream)
        {
            for (; more; more = await stream.MoveNextAsync().ConfigureAwait(false))
            {
                var update = stream.Current;
                update.ModelId ??= model;
                model = update.ModelId;
                usage = update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details is { } details
                    ? new AnswerUsage((int)(details.InputTokenCount ?? 0), (int)(details.OutputTokenCount ?? 0)) : usage;
                text.Append(update.Text);
                if (first)
                {
                    (update.AdditionalProperties ??= [])[DecisionKey] = decision;
                    first = false;
                }

                yield return update;
            }
        }

        if (reservation is not null)
        {
            // Servers that report no usage are charged by our own count, so a budget cannot be bypassed.
            usage = usage.InputTokens > 0 ? usage : new AnswerUsage((int)CountPrompt(prompt), CountTokens(text.ToString()));
            reservation.Settle(usage.InputTokens + usage.OutputTokens);
            RecordEscalation(context, prompt, text.ToString());
        }

        Record(context, decision, usage, model, caller, clock.Elapsed.TotalMilliseconds);
    }

    private RouteDecision Decide(IEnumerable<ChatMessage> messages, AnswerContext? context, string caller, bool localOnly)
    {
        var features = context?.Features ?? RouteFeatureExtractor.FromPrompt(messages.ToList(), counter, localWindowTokens);
        return router.Decide(features, frontier.Client is not null, localOnly, caller);
    }

    private ChatOptions ForFrontier(ChatOptions? options)
    {
        var copy = options?.Clone() ?? new ChatOptions();
        copy.MaxOutputTokens = frontier.MaxOutputTokens;
        // The answer context is for this process's middlewares, not for a remote server.
        copy.AdditionalProperties = null;
        return copy;
    }

    private long CountPrompt(IEnumerable<ChatMessage> prompt) => prompt.Sum(m => (long)CountTokens(m.Text) + MessageOverheadTokens);

    private int CountTokens(string text) => (frontier.Counter ?? counter).CountTokens(text);

    private void RecordEscalation(AnswerContext? context, IEnumerable<ChatMessage> prompt, string answer)
    {
        if (context is null)
        {
            return;
        }

        // The answer as the caller sees it: markers pointing to no source removed.
        var filter = new CitationMarkerFilter(context.Sources.Count);
        var shown = filter.Append(answer) + filter.Flush();
        log.RecordEscalation(new EscalationRecord(DateTimeOffset.UtcNow, context.Collection.Name, context.Request.Question,
            prompt.Select(m => new ExchangeMessage(m.Role.Value, m.Text)).ToList(), shown,
            context.Sources.Where(s => filter.Cited.Contains(s.Number)).Select(s => s.Cite()).ToList()));
    }

    private void Record(AnswerContext? context, RouteDecision decision, AnswerUsage usage, string? model, string caller, double milliseconds)
    {
        var frontierUsed = decision.Target == RouteTarget.Frontier;
        AnswerTelemetry.Answers.Add(1, new("route", decision.Target.ToString()), new("reason", decision.Reason));
        AnswerTelemetry.Tokens.Add(usage.InputTokens, new("route", decision.Target.ToString()), new("model", model), new("direction", "input"));
        AnswerTelemetry.Tokens.Add(usage.OutputTokens, new("route", decision.Target.ToString()), new("model", model), new("direction", "output"));
        if (context is not null)
        {
            context.Usage = usage;
            context.Model = model;
        }

        log.RecordDecision(new RouteRecord(DateTimeOffset.UtcNow, context?.Collection.Name ?? string.Empty, caller, decision.Target, decision.Reason, decision.Warning is not null,
            usage.InputTokens, usage.OutputTokens, frontierUsed ? frontier.Cost(usage.InputTokens, usage.OutputTokens) : 0, (context?.RetrievalMs ?? 0) + milliseconds));
    }
}

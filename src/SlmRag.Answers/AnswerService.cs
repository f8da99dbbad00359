using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using SlmRag.Core.Chunking;
using SlmRag.Core.Collections;
using SlmRag.Core.Documents;
using SlmRag.Core.Retrieval;
using SlmRag.Core.Storage;
using SlmRag.Answers.Routing;

namespace SlmRag.Answers;

/// <summary>
/// Question to grounded answer: condense with the conversation, retrieve (access lists applied in the
/// search), pack numbered sources into the budget, then answer with the configured model or, without
/// one, extractively; citations checked against the sources given; abstains on weak evidence.
/// </summary>
public sealed class AnswerService(
    HybridRetriever retriever,
    ICatalogStore catalog,
    ITokenCounter tokenCounter,
    ConversationStore conversations,
    IOptions<AnswerOptions> options,
    QuestionRouter router,
    FrontierBudget budget,
    RouterLog routerLog,
    FrontierClient frontier,
    IChatClient? model = null)
{
    public const string NotFoundText = "I could not find the answer in the documents. The closest sources are listed below.";

    public string ModelName => model?.GetService<ChatClientMetadata>()?.DefaultModelId ?? ExtractiveAnswerer.ModelName;

    public async Task<AnswerResult> AskAsync(AnswerRequest request, CancellationToken cancellationToken)
    {
        AnswerResult? result = null;
        await foreach (var item in AskStreamingAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (item is AnswerCompleted completed)
            {
                result = completed.Answer;
            }
        }

        return result!;
    }

    public async IAsyncEnumerable<AnswerEvent> AskStreamingAsync(AnswerRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var clock = Stopwatch.StartNew();
        var collection = await FindCollectionAsync(request.Collection, cancellationToken).ConfigureAwait(false);
        var history = request.History ?? (request.ConversationId is null ? [] : await conversations.HistoryAsync(request.ConversationId, request.Caller, cancellationToken).ConfigureAwait(false));
        var query = await QuestionCondenser.CondenseAsync(request.Question, history, model, cancellationToken).ConfigureAwait(false);

        var (ranked, evidence, features) = await AnalyzeAsync(collection, request, query, cancellationToken).ConfigureAwait(false);
        var decision = router.Decide(features, frontier.Client is not null, collection.LocalOnly, request.Caller);
        var sources = Pack(ranked, settings.ContextTokens, query, settings.MaxSources);
        var retrievalMs = clock.Elapsed.TotalMilliseconds;

        var state = new GenerationState();
        if (decision.Target == RouteTarget.Frontier)
        {
            // Long-context mode: many more candidates, packed into the frontier's larger budget.
            var wide = await retriever.RetrieveAsync(collection, query, request.Filter, settings.CandidateCount * 4, RetrievalMode.Hybrid, cancellationToken).ConfigureAwait(false);
            var frontierSources = Pack(await LoadAsync(request.Collection, wide, cancellationToken).ConfigureAwait(false), frontier.ContextTokens, query, settings.MaxSources * 5);
            var routing = new EscalatingChatClient(model, frontier.Client!);
            var prompt = GroundedPrompt.Build(request.Question, frontierSources);
            var stream = StreamModelAsync(routing, prompt, frontierSources, frontier.MaxOutputTokens, decision, state, cancellationToken).GetAsyncEnumerator(cancellationToken);
            var started = false;
            try
            {
                started = await stream.MoveNextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not ArgumentException)
            {
                // Outage, timeout or refusal before the first token: answer locally and say so.
                decision = decision with { Target = RouteTarget.Local, Reason = "frontier-failed", Warning = $"The frontier model failed ({e.GetType().Name}: {e.Message}); answered locally." };
                state = new GenerationState();
            }

            if (decision.Target == RouteTarget.Local)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                sources = frontierSources;
                await using (stream)
                {
                    for (var more = started; more; more = await stream.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield return stream.Current;
                    }
                }

                // Servers that report no usage are charged by our own count, so a budget cannot be bypassed.
                if (state.Usage.InputTokens == 0)
                {
                    state.Usage = new AnswerUsage(prompt.Sum(m => tokenCounter.CountTokens(m.Text)), tokenCounter.CountTokens(state.Text.ToString()));
                }

                budget.Spend(request.Caller, state.Usage.InputTokens + state.Usage.OutputTokens);
                routerLog.RecordEscalation(new EscalationRecord(DateTimeOffset.UtcNow, request.Collection, request.Question,
                    prompt.Select(m => new ExchangeMessage(m.Role.Value, m.Text)).ToList(), state.Text.ToString(), state.Citations));
            }
        }

        if (decision.Target == RouteTarget.Local)
        {
            state.Abstained = sources.Count == 0 || evidence < settings.MinEvidence;
            if (!state.Abstained && model is null)
            {
                var (answer, cited) = ExtractiveAnswerer.Answer(request.Question, query, sources, settings);
                state.Abstained = answer.Length == 0;
                if (!state.Abstained)
                {
                    state.Text.Append(answer);
                    state.Citations = cited;
                    yield return new AnswerDelta(answer);
                }
            }
            else if (!state.Abstained)
            {
                await foreach (var delta in StreamModelAsync(model!, GroundedPrompt.Build(request.Question, sources), sources,
                    settings.MaxOutputTokens, decision, state, cancellationToken).ConfigureAwait(false))
                {
                    yield return delta;
                }
            }
        }

        if (state.Abstained)
        {
            state.Text.Clear().Append(NotFoundText);
            state.Citations = sources.Take(3).Select(s => s.Cite()).ToList();
            yield return new AnswerDelta(NotFoundText);
        }

        yield return new AnswerCitations(state.Citations, state.Abstained);
        var answerText = state.Text.ToString();
        if (request.ConversationId is not null)
        {
            await conversations.AddAsync(request.ConversationId, request.Caller, new ConversationTurn(request.Question, query, answerText), cancellationToken).ConfigureAwait(false);
        }

        var total = clock.Elapsed.TotalMilliseconds;
        var modelName = decision.Target == RouteTarget.Frontier ? state.Model ?? "frontier" : ModelName;
        routerLog.RecordDecision(new RouteRecord(DateTimeOffset.UtcNow, request.Collection, request.Caller, decision.Target, decision.Reason, decision.Warning is not null,
            state.Usage.InputTokens, state.Usage.OutputTokens,
            decision.Target == RouteTarget.Frontier ? frontier.Cost(state.Usage.InputTokens, state.Usage.OutputTokens) : 0, total));
        yield return new AnswerCompleted(new AnswerResult(
            answerText, state.Abstained, state.Citations,
            sources.Select(s => new SourceEvidence(s.Number, s.Document.Id, s.First.Id, s.Document.Title, s.Score, s.Tokens)).ToList(),
            modelName, request.Question, query, request.ConversationId, state.Removed, Math.Round(evidence, 4), state.Usage,
            new AnswerTimings(retrievalMs, total - retrievalMs, total))
        {
            Route = decision,
            UnsupportedSentences = state.Unsupported,
            Warnings = state.Warnings,
            AbstentionReason = state.Abstained ? state.Reason ?? AbstentionReasons.Of(sources.Count, evidence, settings.MinEvidence, model is null && decision.Target == RouteTarget.Local) : null,
        });
    }

    /// <summary>The router's view of a question (no answer is produced): for calibration and the routing benchmark.</summary>
    public async Task<RouteFeatures> RouteFeaturesAsync(AnswerRequest request, CancellationToken cancellationToken) =>
        (await AnalyzeAsync(await FindCollectionAsync(request.Collection, cancellationToken).ConfigureAwait(false), request, request.Question, cancellationToken).ConfigureAwait(false)).Features;

    private async Task<Collection> FindCollectionAsync(string name, CancellationToken cancellationToken) =>
        await catalog.GetCollectionAsync(name, cancellationToken).ConfigureAwait(false) ?? throw new CollectionNotFoundException(name);

    private async Task<(List<(Chunk Chunk, DocumentRecord Document, double Score)> Ranked, double Evidence, RouteFeatures Features)> AnalyzeAsync(
        Collection collection, AnswerRequest request, string query, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var hits = await retriever.RetrieveAsync(collection, query, request.Filter, settings.CandidateCount, RetrievalMode.Hybrid, cancellationToken).ConfigureAwait(false);
        var ranked = await LoadAsync(request.Collection, hits, cancellationToken).ConfigureAwait(false);
        var evidence = EvidenceScorer.Score(query, ranked.Select(r => ChunkAnalysis.Of(r.Chunk)).ToList(), topSources: 3, settings.DisabledSignals);
        var features = RouteFeatureExtractor.Extract(query, ranked.Select(r => (r.Chunk, r.Score)).ToList(), tokenCounter, settings.ContextTokens, evidence);
        return (ranked, evidence, features);
    }

    private List<AnswerSource> Pack(List<(Chunk Chunk, DocumentRecord Document, double Score)> ranked, int contextTokens, string query, int maxSources)
    {
        var budgetTokens = contextTokens - tokenCounter.CountTokens(GroundedPrompt.System) - tokenCounter.CountTokens(query);
        return ContextPacker.Pack(ranked, tokenCounter, Math.Max(budgetTokens, 0), maxSources);
    }

    /// <summary>Streams a model's grounded answer: markers checked, the NOT_FOUND reply recognised before it is shown.</summary>
    private static async IAsyncEnumerable<AnswerEvent> StreamModelAsync(IChatClient client, List<ChatMessage> prompt, List<AnswerSource> sources, int maxOutput,
        RouteDecision decision, GenerationState state, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = new CitationMarkerFilter(sources.Count);
        var opening = new StringBuilder();
        var decided = false;
        var chatOptions = new ChatOptions { Temperature = 0.1f, MaxOutputTokens = maxOutput, AdditionalProperties = new() { [EscalatingChatClient.DecisionKey] = decision } };
        await foreach (var update in client.GetStreamingResponseAsync(prompt, chatOptions, cancellationToken).ConfigureAwait(false))
        {
            state.Usage = Usage(update, state.Usage);
            state.Model ??= update.ModelId;
            var delta = filter.Append(update.Text);
            if (!decided)
            {
                // Hold the first characters back until they cannot be the model's NOT_FOUND reply.
                opening.Append(delta);
                var head = opening.ToString().TrimStart();
                if (head.Length < GroundedPrompt.NotFound.Length && GroundedPrompt.NotFound.StartsWith(head, StringComparison.Ordinal))
                {
                    continue;
                }

                decided = true;
                if (head.StartsWith(GroundedPrompt.NotFound, StringComparison.Ordinal))
                {
                    state.Abstained = true;
                    break;
                }

                delta = opening.ToString();
            }

            if (delta.Length > 0)
            {
                state.Text.Append(delta);
                yield return new AnswerDelta(delta);
            }
        }

        var rest = state.Abstained ? string.Empty : (decided ? string.Empty : opening.ToString()) + filter.Flush();
        if (rest.Length > 0 && !rest.TrimStart().StartsWith(GroundedPrompt.NotFound, StringComparison.Ordinal))
        {
            state.Text.Append(rest);
            yield return new AnswerDelta(rest);
        }

        state.Removed = filter.Removed;
        var text = state.Text.ToString();
        state.Abstained |= text.Trim().Length == 0 || text.TrimStart().StartsWith(GroundedPrompt.NotFound, StringComparison.Ordinal);
        state.Citations = sources.Where(s => filter.Cited.Contains(s.Number)).Select(s => s.Cite()).ToList();
        Attribution.GroundingCheck.Apply(state, sources);
    }

    private async Task<List<(Chunk Chunk, DocumentRecord Document, double Score)>> LoadAsync(string collection, IReadOnlyList<RetrievedChunk> hits, CancellationToken cancellationToken)
    {
        var chunks = (await catalog.GetChunksByIdAsync(collection, hits.Select(h => h.ChunkId).ToList(), cancellationToken).ConfigureAwait(false))
            .ToDictionary(c => c.Id, StringComparer.Ordinal);
        var documents = new Dictionary<string, DocumentRecord?>(StringComparer.Ordinal);
        var ranked = new List<(Chunk, DocumentRecord, double)>();
        foreach (var hit in hits)
        {
            if (!chunks.TryGetValue(hit.ChunkId, out var chunk))
            {
                continue;
            }

            if (!documents.TryGetValue(hit.DocumentId, out var document))
            {
                document = await catalog.GetDocumentAsync(collection, hit.DocumentId, cancellationToken).ConfigureAwait(false);
                documents[hit.DocumentId] = document;
            }

            if (document is not null)
            {
                ranked.Add((chunk, document, hit.Score));
            }
        }

        return ranked;
    }

    private static AnswerUsage Usage(ChatResponseUpdate update, AnswerUsage current)
    {
        var usage = update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details;
        return usage is null ? current : new AnswerUsage((int)(usage.InputTokenCount ?? 0), (int)(usage.OutputTokenCount ?? 0));
    }
}

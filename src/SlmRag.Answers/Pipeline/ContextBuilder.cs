using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using SlmRag.Answers.Routing;
using SlmRag.Core.Chunking;
using SlmRag.Core.Collections;
using SlmRag.Core.Documents;
using SlmRag.Core.Prompts;
using SlmRag.Core.Retrieval;
using SlmRag.Core.Storage;

namespace SlmRag.Answers.Pipeline;

/// <summary>
/// Retrieval and packing, the first half of an answer: condenses a follow-up with its conversation, retrieves
/// once (deep enough for the frontier's long-context mode when the collection may escalate), loads chunks and
/// documents in one batch each, scores the evidence, extracts the route features and packs numbered sources
/// into each model's window (the local model's exactly, see <see cref="WindowPacker"/>). Thread-safe.
/// </summary>
public sealed class ContextBuilder(
    HybridRetriever retriever,
    ICatalogStore catalog,
    ITokenCounter tokenCounter,
    ConversationStore conversations,
    IOptions<AnswerOptions> options,
    FrontierClient frontier,
    UnitEmbedder unitEmbedder,
    IChatClient? model = null)
{
    private readonly IPromptTokenCounter? window = model?.GetService<IPromptTokenCounter>();

    public async Task<AnswerContext> BuildAsync(AnswerRequest request, CancellationToken cancellationToken)
    {
        using var activity = AnswerTelemetry.Source.StartActivity("slmrag.answer.context");
        var settings = options.Value;
        var clock = Stopwatch.StartNew();
        var collection = await FindCollectionAsync(request.Collection, cancellationToken).ConfigureAwait(false);
        var history = request.History ?? (request.ConversationId is null ? [] : await conversations.HistoryAsync(request.ConversationId, request.Caller, cancellationToken).ConfigureAwait(false));
        var query = await QuestionCondenser.CondenseAsync(request.Question, history, model, cancellationToken).ConfigureAwait(false);

        var depth = frontier.Client is not null && !collection.LocalOnly ? settings.CandidateCount * 4 : settings.CandidateCount;
        var retrieval = await retriever.RetrieveWithVectorAsync(collection, query, request.Filter, depth, RetrievalMode.Hybrid, cancellationToken).ConfigureAwait(false);
        var all = await LoadAsync(collection.Name, retrieval.Hits, cancellationToken).ConfigureAwait(false);
        var ranked = all.Take(settings.CandidateCount).ToList();
        var (evidence, features, semantic) = await AnalyzeAsync(request.Question, query, ranked, settings, cancellationToken, retrieval.QueryVector).ConfigureAwait(false);
        // Within the local model's real window, counted on the rendered prompt; without a model the configured budget.
        var local = window is not null
            ? WindowPacker.Pack(ranked, tokenCounter, window, request.Question, settings)
            : Pack(ranked, tokenCounter, settings.ContextTokens, query, settings.MaxSources);
        var frontierCounter = frontier.Counter ?? tokenCounter;
        var elapsed = clock.Elapsed.TotalMilliseconds;
        AnswerTelemetry.StageDuration.Record(elapsed, new KeyValuePair<string, object?>("stage", "context"));
        activity?.SetTag("slmrag.collection", collection.Name);
        activity?.SetTag("slmrag.sources", local.Count);
        return new AnswerContext(request, collection, query, evidence, features, local,
            () => Pack(all, frontierCounter, frontier.ContextTokens, query, settings.MaxSources * 5), elapsed)
        {
            Semantic = semantic,
        };
    }

    /// <summary>The router's view of a question (no answer is produced): for calibration and the routing benchmark.</summary>
    public async Task<RouteFeatures> RouteFeaturesAsync(AnswerRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var collection = await FindCollectionAsync(request.Collection, cancellationToken).ConfigureAwait(false);
        var retrieval = await retriever.RetrieveWithVectorAsync(collection, request.Question, request.Filter, settings.CandidateCount, RetrievalMode.Hybrid, cancellationToken).ConfigureAwait(false);
        var ranked = await LoadAsync(collection.Name, retrieval.Hits, cancellationToken).ConfigureAwait(false);
        return (await AnalyzeAsync(request.Question, request.Question, ranked, settings, cancellationToken, retrieval.QueryVector).ConfigureAwait(false)).Features;
    }

    /// <summary>
    /// Evidence and route features of the ranked chunks. With a sentence embedding model, the question and the lexically
    /// best units of the sources (<see cref="AnswerOptions.SemanticUnits"/>) are embedded in one batch first: their
    /// similarity is a signal of both the evidence and the extractive answer.
    /// </summary>
    /// <param name="queryVector">The query's vector from retrieval (the same model embedded the same text), so it is not embedded twice.</param>
    private async Task<(double Evidence, RouteFeatures Features, SemanticMatch Semantic)> AnalyzeAsync(string question, string query,
        List<(Chunk Chunk, DocumentRecord Document, double Score)> ranked, AnswerOptions settings, CancellationToken cancellationToken, ReadOnlyMemory<float>? queryVector)
    {
        var analyses = ranked.Select(r => ChunkAnalysis.Of(r.Chunk)).ToList();
        var disabled = settings.DisabledSignals.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var semantic = SemanticMatch.None;
        if (unitEmbedder.Enabled && settings.SemanticUnits > 0 && !disabled.Contains("semantic"))
        {
            var shortlist = ExtractiveAnswerer.LexicalShortlist(question, query, analyses.Take(settings.MaxSources).ToList(), disabled, settings.SemanticUnits);
            semantic = await unitEmbedder.MatchAsync(query, shortlist, cancellationToken, queryVector).ConfigureAwait(false);
        }

        var evidence = EvidenceScorer.Score(query, analyses, topSources: 3, settings.DisabledSignals, semantic);
        return (evidence, RouteFeatureExtractor.Extract(query, ranked.Select(r => (r.Chunk, r.Score)).ToList(), tokenCounter, settings.ContextTokens, evidence), semantic);
    }

    private async Task<Collection> FindCollectionAsync(string name, CancellationToken cancellationToken) =>
        await catalog.GetCollectionAsync(name, cancellationToken).ConfigureAwait(false) ?? throw new CollectionNotFoundException(name);

    private static List<AnswerSource> Pack(List<(Chunk Chunk, DocumentRecord Document, double Score)> ranked, ITokenCounter counter, int contextTokens, string query, int maxSources)
    {
        var budgetTokens = contextTokens - counter.CountTokens(GroundedPrompt.System) - counter.CountTokens(query);
        return ContextPacker.Pack(ranked, counter, Math.Max(budgetTokens, 0), maxSources);
    }

    /// <summary>Chunks and their documents for the hits, in rank order: one catalog call for each.</summary>
    private async Task<List<(Chunk Chunk, DocumentRecord Document, double Score)>> LoadAsync(string collection, IReadOnlyList<RetrievedChunk> hits, CancellationToken cancellationToken)
    {
        var chunks = (await catalog.GetChunksByIdAsync(collection, hits.Select(h => h.ChunkId).ToList(), cancellationToken).ConfigureAwait(false))
            .ToDictionary(c => c.Id, StringComparer.Ordinal);
        var documentIds = hits.Select(h => h.DocumentId).Distinct(StringComparer.Ordinal).ToList();
        var documents = (await catalog.GetDocumentsAsync(collection, documentIds, cancellationToken).ConfigureAwait(false))
            .ToDictionary(d => d.Id, StringComparer.Ordinal);
        return hits.Where(h => chunks.ContainsKey(h.ChunkId) && documents.ContainsKey(h.DocumentId))
            .Select(h => (chunks[h.ChunkId], documents[h.DocumentId], h.Score)).ToList();
    }
}

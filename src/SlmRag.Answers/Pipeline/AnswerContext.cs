using Microsoft.Extensions.AI;
using SlmRag.Answers.Routing;
using SlmRag.Core.Collections;

namespace SlmRag.Answers.Pipeline;

/// <summary>
/// One question on its way through the answer pipeline: what the <see cref="ContextBuilder"/> found (sources packed
/// for each model's window, evidence, route features), and what the chat middlewares decided (route, sources used,
/// citations, abstention). It travels in <see cref="ChatOptions.AdditionalProperties"/> under <see cref="Key"/>.
/// Used by one request at a time; not thread-safe.
/// </summary>
public sealed class AnswerContext
{
    public const string Key = "slmrag.answer";

    private readonly Lazy<IReadOnlyList<AnswerSource>> _frontierSources;

    public AnswerContext(AnswerRequest request, Collection collection, string query, double evidence, RouteFeatures features,
        IReadOnlyList<AnswerSource> localSources, Func<IReadOnlyList<AnswerSource>> packForFrontier, double retrievalMs)
    {
        Request = request;
        Collection = collection;
        Query = query;
        Evidence = evidence;
        Features = features;
        LocalSources = localSources;
        Sources = localSources;
        RetrievalMs = retrievalMs;
        // Packed only when a question escalates: most never do.
        _frontierSources = new Lazy<IReadOnlyList<AnswerSource>>(packForFrontier, LazyThreadSafetyMode.None);
    }

    public AnswerRequest Request { get; }

    public Collection Collection { get; }

    /// <summary>The condensed search query (the question itself without a conversation).</summary>
    public string Query { get; }

    public double Evidence { get; }

    /// <summary>The question's similarity to the units the embedding model read (none without a model).</summary>
    internal SemanticMatch Semantic { get; init; } = SemanticMatch.None;

    public RouteFeatures Features { get; }

    /// <summary>Sources packed into the local model's window.</summary>
    public IReadOnlyList<AnswerSource> LocalSources { get; }

    /// <summary>Sources packed into the frontier's larger window (long-context mode), from the same retrieval.</summary>
    public IReadOnlyList<AnswerSource> FrontierSources => _frontierSources.Value;

    public double RetrievalMs { get; }

    /// <summary>The sources given to the model that answered (set by the router).</summary>
    public IReadOnlyList<AnswerSource> Sources { get; set; }

    /// <summary>Where the question went and why (set by the router).</summary>
    public RouteDecision? Route { get; set; }

    /// <summary>Set by the citation checker when the model replied NOT_FOUND or nothing; by the evidence gate on weak evidence.</summary>
    public bool Abstained { get; set; }

    /// <summary>Citations of the answer; an answerer that quotes exact passages (extractive) sets them itself.</summary>
    public IReadOnlyList<Citation>? Citations { get; set; }

    /// <summary>Markers pointing to no source, removed from the text.</summary>
    public int RemovedMarkers { get; set; }

    public AnswerUsage Usage { get; set; } = new(0, 0);

    /// <summary>Why it abstained, when known while answering (<see cref="AbstentionReasons"/>).</summary>
    public string? AbstentionReason { get; set; }

    /// <summary>Sentences of a generated answer that match no source (set by the grounding check).</summary>
    public IReadOnlyList<string> UnsupportedSentences { get; set; } = [];

    /// <summary>False when no sentence of a generated answer could be attributed to a source (set by the grounding check).</summary>
    public bool Grounded { get; set; } = true;

    /// <summary>What the reader should know about how the answer was checked.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>The model that answered.</summary>
    public string? Model { get; set; }

    public static AnswerContext? From(ChatOptions? options) =>
        options?.AdditionalProperties?.TryGetValue(Key, out var value) == true ? value as AnswerContext : null;

    /// <summary>Chat options carrying this context, for one grounded generation.</summary>
    public ChatOptions ToOptions(int maxOutputTokens) => new()
    {
        Temperature = 0.1f,
        MaxOutputTokens = maxOutputTokens,
        AdditionalProperties = new() { [Key] = this },
    };
}

using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SlmRag.Answers.Routing;
using SlmRag.Core.Chunking;

namespace SlmRag.Answers.Pipeline;

/// <summary>
/// The generation half of an answer as one Microsoft.Extensions.AI pipeline over the local answerer (the local
/// chat model, or the extractive answerer without one), outermost first: OpenTelemetry (GenAI conventions),
/// logging, citation checking, the router (frontier or local, budget, fallback, decision log), the evidence gate.
/// Thread-safe. Not disposable: the models it wraps belong to the container.
/// </summary>
public sealed class AnswerPipeline
{
    public AnswerPipeline(IOptions<AnswerOptions> options, FrontierClient frontier, QuestionRouter router, FrontierBudget budget, RouterLog log,
        ITokenCounter counter, ILoggerFactory? loggerFactory = null, IChatClient? model = null)
    {
        var settings = options.Value;
        IChatClient local = new EvidenceGateChatClient(model ?? new ExtractiveChatClient(settings), settings);
        ModelName = model?.GetService<ChatClientMetadata>()?.DefaultModelId ?? ExtractiveAnswerer.ModelName;
        loggerFactory ??= Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        Client = new ChatClientBuilder(local)
            .UseOpenTelemetry(loggerFactory, AnswerTelemetry.Name)
            .UseLogging(loggerFactory)
            .Use(inner => new CitationCheckingChatClient(inner))
            .Use(inner => new RouterChatClient(inner, frontier, router, budget, log, counter, settings.ContextTokens))
            .Build();
    }

    /// <summary>The pipeline. <c>GetService&lt;RouterChatClient&gt;()</c> reaches the router; keyed by <see cref="RouteTarget"/> it reaches either model.</summary>
    public IChatClient Client { get; }

    /// <summary>The local answerer's model name (the extractive answerer's without a chat model).</summary>
    public string ModelName { get; }
}

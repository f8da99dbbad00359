using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using SlmRag.Answers.Pipeline;
using SlmRag.Answers.Routing;

namespace SlmRag.Answers;

/// <summary>
/// Question to grounded answer: the <see cref="ContextBuilder"/> retrieves and packs, the <see cref="AnswerPipeline"/>
/// routes, generates and checks citations; this class streams the result and keeps the conversation. Thread-safe.
/// </summary>
public sealed class AnswerService(ContextBuilder contexts, AnswerPipeline pipeline, ConversationStore conversations, IOptions<AnswerOptions> options)
{
    public const string NotFoundText = "I could not find the answer in the documents. The closest sources are listed below.";

    /// <summary>The local answerer's model name.</summary>
    public string ModelName => pipeline.ModelName;

    public async Task<AnswerResult> AskAsync(AnswerRequest request, CancellationToken cancellationToken)
    {
        AnswerResult? result = null;
        await foreach (var item in AskStreamingAsync(request, cancellationToken).ConfigureAwait(false))
        {
            result = (item as AnswerCompleted)?.Answer ?? result;
        }

        return result!;
    }

    public async IAsyncEnumerable<AnswerEvent> AskStreamingAsync(AnswerRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var activity = AnswerTelemetry.Source.StartActivity("slmrag.answer");
        var clock = Stopwatch.StartNew();
        var context = await contexts.BuildAsync(request, cancellationToken).ConfigureAwait(false);
        var text = new StringBuilder();
        await foreach (var update in pipeline.Client.GetStreamingResponseAsync(GroundedPrompt.Build(request.Question, context.LocalSources),
            context.ToOptions(options.Value.MaxOutputTokens), cancellationToken).ConfigureAwait(false))
        {
            if (update.Text.Length > 0 && !context.Abstained)
            {
                text.Append(update.Text);
                yield return new AnswerDelta(update.Text);
            }
        }

        // A model answer without valid markers is attributed sentence by sentence, or withheld (issue: never grounded with zero citations).
        Attribution.GroundingCheck.Apply(context, text.ToString());
        if (context.Abstained)
        {
            text.Clear().Append(NotFoundText);
            yield return new AnswerDelta(NotFoundText);
        }

        var citations = context.Abstained ? context.Sources.Take(3).Select(s => s.Cite()).ToList() : context.Citations ?? [];
        yield return new AnswerCitations(citations, context.Abstained);
        if (request.ConversationId is not null)
        {
            await conversations.AddAsync(request.ConversationId, request.Caller, new ConversationTurn(request.Question, context.Query, text.ToString()), cancellationToken).ConfigureAwait(false);
        }

        var totalMs = clock.Elapsed.TotalMilliseconds;
        // Recorded before the last event: a caller may stop reading once it has the answer.
        AnswerTelemetry.StageDuration.Record(totalMs - context.RetrievalMs, new KeyValuePair<string, object?>("stage", "generation"));
        yield return new AnswerCompleted(Result(context, text.ToString(), citations, totalMs));
    }

    /// <summary>The router's view of a question (no answer is produced): for calibration and the routing benchmark.</summary>
    public Task<RouteFeatures> RouteFeaturesAsync(AnswerRequest request, CancellationToken cancellationToken) => contexts.RouteFeaturesAsync(request, cancellationToken);

    private AnswerResult Result(AnswerContext context, string text, IReadOnlyList<Citation> citations, double totalMs) =>
        new(text, context.Abstained, citations,
            context.Sources.Select(s => new SourceEvidence(s.Number, s.Document.Id, s.First.Id, s.Document.Title, s.Score, s.Tokens)).ToList(),
            context.Model ?? ExtractiveAnswerer.ModelName, context.Request.Question, context.Query, context.Request.ConversationId, context.RemovedMarkers,
            Math.Round(context.Evidence, 4), context.Usage, new AnswerTimings(context.RetrievalMs, totalMs - context.RetrievalMs, totalMs))
        {
            Route = context.Route,
            Grounded = !context.Abstained && context.Grounded,
            UnsupportedSentences = context.UnsupportedSentences,
            Warnings = context.Warnings,
            AbstentionReason = context.Abstained
                ? context.AbstentionReason ?? AbstentionReasons.Of(context.Sources.Count, context.Evidence, options.Value.MinEvidence, context.Model is null or ExtractiveAnswerer.ModelName)
                : null,
        };
}

using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using SlmRag.Core.Chunking;
using SlmRag.Core.Documents;
using SlmRag.Core.Retrieval;
using SlmRag.Core.Storage;

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
        var history = request.History ?? (request.ConversationId is null ? [] : conversations.History(request.ConversationId, request.Caller));
        var query = await QuestionCondenser.CondenseAsync(request.Question, history, model, cancellationToken).ConfigureAwait(false);

        var hits = await retriever.RetrieveAsync(request.Collection, query, request.Filter, settings.CandidateCount, RetrievalMode.Hybrid, cancellationToken).ConfigureAwait(false);
        var ranked = await LoadAsync(request.Collection, hits, cancellationToken).ConfigureAwait(false);
        var evidence = EvidenceScorer.Score(query, ranked.Select(r => ChunkAnalysis.Of(r.Chunk)).ToList(), topSources: 3);
        var budget = settings.ContextTokens - tokenCounter.CountTokens(GroundedPrompt.System) - tokenCounter.CountTokens(query);
        var sources = ContextPacker.Pack(ranked, tokenCounter, Math.Max(budget, 0), settings.MaxSources);
        var retrievalMs = clock.Elapsed.TotalMilliseconds;

        var text = new StringBuilder();
        var citations = new List<Citation>();
        var abstained = sources.Count == 0 || evidence < settings.MinEvidence;
        var removed = 0;
        var usage = new AnswerUsage(0, 0);
        if (!abstained && model is null)
        {
            var (answer, cited) = ExtractiveAnswerer.Answer(request.Question, query, sources, settings.ExtractiveSentences);
            abstained = answer.Length == 0;
            if (!abstained)
            {
                text.Append(answer);
                citations = cited;
                yield return new AnswerDelta(answer);
            }
        }
        else if (!abstained)
        {
            var filter = new CitationMarkerFilter(sources.Count);
            var opening = new StringBuilder();
            var decided = false;
            await foreach (var update in model!.GetStreamingResponseAsync(GroundedPrompt.Build(request.Question, sources),
                new ChatOptions { Temperature = 0.1f, MaxOutputTokens = settings.MaxOutputTokens }, cancellationToken).ConfigureAwait(false))
            {
                usage = Usage(update, usage);
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
                        abstained = true;
                        break;
                    }

                    delta = opening.ToString();
                }

                if (delta.Length > 0)
                {
                    text.Append(delta);
                    yield return new AnswerDelta(delta);
                }
            }

            var rest = abstained ? string.Empty : (decided ? string.Empty : opening.ToString()) + filter.Flush();
            if (rest.Length > 0 && !rest.TrimStart().StartsWith(GroundedPrompt.NotFound, StringComparison.Ordinal))
            {
                text.Append(rest);
                yield return new AnswerDelta(rest);
            }

            removed = filter.Removed;
            abstained |= text.ToString().Trim().Length == 0 || text.ToString().TrimStart().StartsWith(GroundedPrompt.NotFound, StringComparison.Ordinal);
            citations = sources.Where(s => filter.Cited.Contains(s.Number)).Select(s => s.Cite()).ToList();
        }

        if (abstained)
        {
            text.Clear().Append(NotFoundText);
            citations = sources.Take(3).Select(s => s.Cite()).ToList();
            yield return new AnswerDelta(NotFoundText);
        }

        yield return new AnswerCitations(citations, abstained);
        var answerText = text.ToString();
        if (request.ConversationId is not null)
        {
            conversations.Add(request.ConversationId, request.Caller, new ConversationTurn(request.Question, query, answerText));
        }

        var total = clock.Elapsed.TotalMilliseconds;
        yield return new AnswerCompleted(new AnswerResult(
            answerText, abstained, citations,
            sources.Select(s => new SourceEvidence(s.Number, s.Document.Id, s.First.Id, s.Document.Title, s.Score, s.Tokens)).ToList(),
            ModelName, request.Question, query, request.ConversationId, removed, Math.Round(evidence, 4), usage,
            new AnswerTimings(retrievalMs, total - retrievalMs, total)));
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

using System.Diagnostics;
using System.Text;
using SlmRag.Answers;
using SlmRag.Core.Collections;
using SlmRag.Core.Documents;
using SlmRag.Core.Jobs;
using SlmRag.Core.Retrieval;
using SlmRag.Core.Storage;
using SlmRag.Ingestion.Uploads;
using SlmRag.Ingestion.Worker;

namespace SlmRag.Evaluation.Answers;

/// <summary>
/// Ingests an answer set's documents through the normal pipeline into a scratch collection, asks every
/// question through the answer service (conversations in file order) and the naive baseline, and judges
/// both: expected text stated, expected document cited, abstentions, length, repetition, latency, with
/// retrieval alone timed on the same questions.
/// </summary>
public sealed class AnswerEvaluationRunner(
    ICatalogStore catalog,
    UploadStager stager,
    JobSubmitter submitter,
    InProcessJobRunner runner,
    HybridRetriever retriever,
    AnswerService answers,
    Microsoft.Extensions.Options.IOptions<AnswerOptions> options,
    TimeProvider time)
{
    /// <param name="calibrating">Answers with no evidence threshold, so every question's evidence and answer are seen (for fitting the threshold).</param>
    public async Task<AnswerEvaluationReport> RunAsync(AnswerSet set, IProgress<string>? progress, CancellationToken cancellationToken, bool calibrating = false)
    {
        var name = "answers-" + new string(set.Name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        name = name.Length > 64 ? name[..64] : name;
        await catalog.DeleteCollectionAsync(name, cancellationToken);
        await catalog.CreateCollectionAsync(new Collection(name, $"Answer evaluation of {set.Name}", false, null, time.GetUtcNow()), cancellationToken);
        var documents = await IngestAsync(name, set, progress, cancellationToken);

        var baseline = new NaiveAnswerBaseline(retriever, catalog);
        var settings = options.Value;
        var threshold = settings.MinEvidence;
        if (calibrating)
        {
            settings.MinEvidence = 0;
        }

        try
        {
            // Warm the indexes and the JIT as a running service has them; then time each question.
            foreach (var question in set.Questions.Take(5))
            {
                await retriever.RetrieveAsync(name, question.Question, SearchFilter.Everything, settings.CandidateCount, RetrievalMode.Hybrid, cancellationToken);
                await answers.AskAsync(new AnswerRequest(name, question.Question, SearchFilter.Everything, "eval-warmup"), cancellationToken);
            }

            var service = new List<AnswerOutcome>();
            var naive = new List<AnswerOutcome>();
            var retrievalMs = new List<double>();
            var done = 0;
            foreach (var question in set.Questions)
            {
                var expected = question.Documents.Select(k => DocumentIds.ForKey(name, k)).ToHashSet(StringComparer.Ordinal);
                var clock = Stopwatch.StartNew();
                await retriever.RetrieveAsync(name, question.Question, SearchFilter.Everything, settings.CandidateCount, RetrievalMode.Hybrid, cancellationToken);
                retrievalMs.Add(clock.Elapsed.TotalMilliseconds);

                clock.Restart();
                var conversation = question.Conversation is null ? null : $"{name}/{question.Conversation}";
                var answer = await answers.AskAsync(new AnswerRequest(name, question.Question, SearchFilter.Everything, "eval", conversation), cancellationToken);
                var elapsed = clock.Elapsed.TotalMilliseconds;
                service.Add(new AnswerOutcome(question, answer.Abstained, question.IsStatedBy(answer.Text),
                    answer.Citations.Any(c => expected.Contains(c.DocumentId)), answer.Citations.Count,
                    AnswerText.Words(answer.Text), AnswerText.Repeats(answer.Text), elapsed, answer.Evidence, answer.AbstentionReason, answer.Text));

                clock.Restart();
                var (text, abstained, documentId) = await baseline.AnswerAsync(name, question.Question, cancellationToken);
                elapsed = clock.Elapsed.TotalMilliseconds;
                naive.Add(new AnswerOutcome(question, abstained, question.IsStatedBy(text), documentId is not null && expected.Contains(documentId),
                    documentId is null ? 0 : 1, AnswerText.Words(text), AnswerText.Repeats(text), elapsed, double.NaN, null, text));
                if (++done % 50 == 0)
                {
                    progress?.Report($"asked {done}/{set.Questions.Count}");
                }
            }

            retrievalMs.Sort();
            return new AnswerEvaluationReport(set.Name, documents, AnswerSystemSummary.Of("SlmRag (" + answers.ModelName + ")", service),
                AnswerSystemSummary.Of("naive baseline (BM25 passage + word-overlap sentence)", naive),
                AnswerSystemSummary.Percentile(retrievalMs, 50), service, naive);
        }
        finally
        {
            settings.MinEvidence = threshold;
            await catalog.DeleteCollectionAsync(name, CancellationToken.None);
        }
    }

    private async Task<int> IngestAsync(string name, AnswerSet set, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var items = new List<NewJobItem>();
        foreach (var (key, text) in set.Texts)
        {
            await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
            items.Add(await stager.StageAsync("document.txt", key, stream, DocumentMetadata.Empty, null, cancellationToken));
        }

        if (set.Folder is not null)
        {
            foreach (var file in Directory.GetFiles(set.Folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                await using var stream = File.OpenRead(file);
                var key = Path.GetRelativePath(set.Folder, file).Replace('\\', '/');
                items.Add(await stager.StageAsync(Path.GetFileName(file), key, stream, DocumentMetadata.Empty, null, cancellationToken));
            }
        }

        var job = await submitter.SubmitAsync(name, items, cancellationToken);
        var finished = await runner.RunToCompletionAsync(job.Id, "eval", j => progress?.Report($"ingested {j.Progress.FilesDone}/{j.Progress.Files}"), cancellationToken);
        var failed = finished.Items.Count(i => i.State == JobItemState.Failed);
        if (failed > 0)
        {
            progress?.Report($"{failed} document(s) failed to ingest");
        }

        return items.Count - failed;
    }
}

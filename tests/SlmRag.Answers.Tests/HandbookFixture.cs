using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Retrieval;
using SlmRag.Embeddings;
using SlmRag.Testing;

namespace SlmRag.Answers.Tests;

/// <summary>
/// corpora/handbook ingested once (keys are paths under handbook/, as in questions.jsonl), with the answer pipeline on
/// top and the default embedding model (MiniLM): its sentence embeddings are a signal of the extractive answer.
/// </summary>
public class HandbookFixture : IAsyncLifetime
{
    public const string Collection = "handbook";

    public HandbookFixture()
        : this(new Dictionary<string, string?>())
    {
    }

    protected HandbookFixture(Dictionary<string, string?> settings) =>
        Harness = new(settings, (services, configuration) => services.AddEmbeddings(configuration).AddRetrieval(configuration).AddAnswers(configuration));

    public IngestionHarness Harness { get; }

    public AnswerService Answers => Harness.Services.GetRequiredService<AnswerService>();

    public static string Root => Path.Combine(RepositoryPaths.Corpora, "handbook");

    public async ValueTask InitializeAsync() => await Harness.IngestFolderAsync(Collection, Root);

    public ValueTask DisposeAsync()
    {
        Harness.Dispose();
        return ValueTask.CompletedTask;
    }

    public string DocumentId(string key) => SlmRag.Core.Documents.DocumentIds.ForKey(Collection, key);

    public Task<AnswerResult> AskAsync(string question, SearchFilter? filter = null, string? conversation = null) =>
        Answers.AskAsync(new AnswerRequest(Collection, question, filter ?? SearchFilter.Public, "test", conversation), CancellationToken.None);
}

using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Retrieval;
using SlmRag.Testing;

namespace SlmRag.Answers.Tests;

/// <summary>corpora/handbook ingested once (keys are paths under handbook/, as in questions.jsonl), with the answer pipeline on top.</summary>
public sealed class HandbookFixture : IAsyncLifetime
{
    public const string Collection = "handbook";

    public IngestionHarness Harness { get; } = new(
        new Dictionary<string, string?> { ["Embeddings:Provider"] = "None" },
        (services, configuration) => services.AddRetrieval(configuration).AddAnswers(configuration));

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

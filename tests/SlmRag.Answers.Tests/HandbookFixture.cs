using Microsoft.Extensions.Configuration;
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
        services =>
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = Path.Combine(Path.GetTempPath(), "slmrag-answers-tests-" + Guid.NewGuid().ToString("N")) }).Build();
            services.AddRetrieval(configuration);
            services.AddAnswers(configuration);
        });

    public AnswerService Answers => Harness.Services.GetRequiredService<AnswerService>();

    public static string Root => Path.Combine(RepositoryPaths.Corpora, "handbook");

    public async ValueTask InitializeAsync()
    {
        await Harness.CreateCollectionAsync(Collection);
        var files = Directory.GetFiles(Root, "*", SearchOption.AllDirectories)
            .Select(p => (p, (string?)Path.GetRelativePath(Root, p).Replace('\\', '/'))).ToList();
        var job = await Harness.SubmitAsync(Collection, files);
        await Harness.DrainAsync(job.Id);
    }

    public ValueTask DisposeAsync()
    {
        Harness.Dispose();
        return ValueTask.CompletedTask;
    }

    public string DocumentId(string key) => SlmRag.Core.Documents.DocumentIds.ForKey(Collection, key);

    public Task<AnswerResult> AskAsync(string question, SearchFilter? filter = null, string? conversation = null) =>
        Answers.AskAsync(new AnswerRequest(Collection, question, filter ?? SearchFilter.Public, "test", conversation), CancellationToken.None);
}

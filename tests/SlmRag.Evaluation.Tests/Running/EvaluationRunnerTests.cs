using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Retrieval;
using SlmRag.Evaluation.Collections;
using SlmRag.Evaluation.Running;
using SlmRag.Ingestion;
using SlmRag.Storage.Embedded;
using SlmRag.Testing;

namespace SlmRag.Evaluation.Tests.Running;

/// <summary>
/// A small end-to-end evaluation: a slice of Vaswani through the real pipeline and indexes. The floors
/// sit far below the measured figures (README) so this catches breakage, not small regressions.
/// </summary>
public sealed class EvaluationRunnerTests
{
    [Fact]
    public async Task A_vaswani_slice_ranks_well_above_the_floor_and_bm25_keeps_up_with_fts5()
    {
        var full = TestCollectionReader.Read(RepositoryPaths.RequireShared("datasets", "vaswani"));
        var documents = full.Documents.Take(3000).ToList();
        var ids = documents.Select(d => d.Id).ToHashSet();
        var judgements = full.Judgements.ToDictionary(j => j.Key, j => (IReadOnlyDictionary<string, int>)j.Value.Where(d => ids.Contains(d.Key)).ToDictionary(d => d.Key, d => d.Value));
        var slice = new TestCollection("vaswani-slice", documents, full.Queries.Where(q => judgements[q.Id].Count > 0).ToList(), judgements);
        using var data = new TempDirectory();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = data.Path }).Build();
        await using var services = new ServiceCollection().AddLogging().AddEmbeddedStorage(configuration).AddIngestion(configuration)
            .AddRetrieval(configuration).AddEvaluation().BuildServiceProvider();

        var report = await services.GetRequiredService<EvaluationRunner>().RunAsync(slice, null, TestContext.Current.CancellationToken);

        Assert.Equal(3000, report.Documents);
        Assert.True(slice.Queries.Count >= 30);
        var bm25 = report["SlmRag BM25"];
        var fts5 = report["SQLite FTS5 bm25()"];
        Assert.True(bm25.Map > 0.2, $"BM25 MAP {bm25.Map:0.000} on the slice");
        Assert.True(bm25.Map >= fts5.Map - 0.02, $"BM25 {bm25.Map:0.000} against FTS5 {fts5.Map:0.000}");
        Assert.InRange(bm25.Ndcg10, 0.2, 1);
        Assert.Equal(slice.Queries.Count, bm25.Queries);
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;
using SlmRag.Core.Documents;
using SlmRag.Core.Jobs;
using SlmRag.Testing;

namespace SlmRag.Ingestion.Tests.Corpus;

/// <summary>
/// The sample corpus ingests cleanly and every question's evidence is in a chunk of the named
/// document, on the named page: the question file and the pipeline's provenance agree.
/// </summary>
public sealed partial class SampleCorpusTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_question_has_its_evidence_in_a_chunk_of_its_document_and_page()
    {
        RepositoryPaths.RequireTool("pdftotext");
        var root = Path.Combine(RepositoryPaths.Corpora, "handbook");
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories).Order().ToList();
        using var harness = new IngestionHarness();
        var job = await harness.IngestFolderAsync("handbook", root);

        Assert.All(job.Items, i => Assert.True(i.State == JobItemState.Succeeded, $"{i.DocumentKey}: {i.State} {i.Reason}"));
        Assert.True(files.Count >= 20, $"only {files.Count} documents in the corpus");
        var questions = (await File.ReadAllLinesAsync(Path.Combine(RepositoryPaths.Corpora, "questions.jsonl"), Ct))
            .Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.True(questions.Count >= 30);
        // Unanswerable questions ("answerable": false) have no document: the answerer must abstain on them.
        foreach (var question in questions.Where(q => !q.TryGetProperty("answerable", out var a) || a.GetBoolean()))
        {
            var id = question.GetProperty("id").GetString();
            var keys = question.TryGetProperty("documents", out var many) ? many.EnumerateArray().Select(d => d.GetString()!).ToList() : [question.GetProperty("document").GetString()!];
            // A question states its evidence passage, or (comparisons, conversations) only the keywords its answer must hold.
            var evidence = question.TryGetProperty("evidence", out var passage) ? [Normalize(passage.GetString()!)]
                : question.GetProperty("keywords").EnumerateArray().Select(k => Normalize(k.GetString()!)).ToList();
            var holding = new List<SlmRag.Core.Chunking.Chunk>();
            foreach (var key in keys)
            {
                var chunks = await harness.Catalog.GetChunksAsync("handbook", DocumentIds.ForKey("handbook", key), Ct);
                Assert.True(chunks.Count > 0, $"{id}: {key} has no chunks");
                holding.AddRange(chunks.Where(c => evidence.Any(e => Normalize(c.Text).Contains(e, StringComparison.Ordinal))));
            }

            foreach (var expected in evidence)
            {
                Assert.True(holding.Any(c => Normalize(c.Text).Contains(expected, StringComparison.Ordinal)), $"{id}: no chunk of {string.Join(", ", keys)} contains \"{expected}\"");
            }

            if (question.TryGetProperty("page", out var page))
            {
                Assert.Contains(holding, c => c.PageStart <= page.GetInt32() && c.PageEnd >= page.GetInt32());
            }
        }
    }

    private static string Normalize(string text) => Spaces().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

using SlmRag.Core.Jobs;
using SlmRag.Core.Storage;
using SlmRag.Testing;

namespace SlmRag.Cli.Tests.Commands;

/// <summary>
/// Durability: a <c>slmrag worker</c> process is killed (SIGKILL) in the middle of a job and started
/// again; the job must end exactly as an uninterrupted run does, with nothing lost or duplicated.
/// </summary>
public sealed class WorkerRestartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_killed_worker_resumes_the_job_with_no_lost_or_duplicated_chunks()
    {
        RepositoryPaths.RequireTool("pdftotext");
        var files = Directory.GetFiles(RepositoryPaths.RequireShared("documents", "pdf-real"), "*.pdf").Order().ToList();
        using var harness = new IngestionHarness(new Dictionary<string, string?> { ["Ingestion:Worker:Enabled"] = "false" });
        await harness.CreateCollectionAsync("pdfs");
        var job = await harness.SubmitAsync("pdfs", files.Select(f => (f, (string?)null)));
        var environment = new Dictionary<string, string>
        {
            ["Ingestion__Worker__LeaseSeconds"] = "3",
            ["Ingestion__Worker__PollSeconds"] = "0.2",
            ["Ingestion__Pdf__TimeoutSeconds"] = "20",
        };
        string[] arguments = ["worker", "--data-dir", harness.DataDirectory];

        int doneAtKill;
        using (var first = SlmRagProcess.Start(arguments, environment))
        {
            doneAtKill = await WaitUntilAsync(harness.Jobs, job.Id, j => j.Progress.FilesDone >= 5, first);
            first.Kill();
        }

        var afterKill = (await harness.Jobs.GetJobAsync(job.Id, Ct))!;
        TestContext.Current.TestOutputHelper?.WriteLine($"Killed the worker with {afterKill.Progress.FilesDone} of {files.Count} files done; running: {string.Join(", ", afterKill.Items.Where(i => i.State == JobItemState.Running).Select(i => i.FileName))}");
        Assert.True(afterKill.Progress.FilesDone < files.Count, "the worker finished before it could be killed; the test proves nothing");
        using (var second = SlmRagProcess.Start(arguments, environment))
        {
            await WaitUntilAsync(harness.Jobs, job.Id, j => j.State == JobState.Completed, second);
        }

        var resumed = (await harness.Jobs.GetJobAsync(job.Id, Ct))!;
        using var reference = new IngestionHarness();
        var uninterrupted = await reference.IngestAsync("pdfs", files);

        Assert.Equal(uninterrupted.Items.Select(i => (i.FileName, i.State, i.Error)), resumed.Items.Select(i => (i.FileName, i.State, i.Error)));
        Assert.Contains(resumed.Items, i => i.Attempts > 1 || i.StartedAt < afterKill.Items.Where(x => x.FinishedAt is not null).Max(x => x.FinishedAt));
        foreach (var item in resumed.Items.Where(i => i.State == JobItemState.Succeeded))
        {
            var chunks = await harness.Catalog.GetChunksAsync("pdfs", item.DocumentId!, Ct);
            var expected = await reference.Catalog.GetChunksAsync("pdfs", item.DocumentId!, Ct);
            Assert.Equal(expected.Select(c => (c.Id, c.Text)), chunks.Select(c => (c.Id, c.Text)));
            Assert.Equal(1, (await harness.Catalog.GetDocumentAsync("pdfs", item.DocumentId!, Ct))!.Version);
        }

        var totals = (await harness.Catalog.ListCollectionsAsync(Ct)).Single();
        var expectedTotals = (await reference.Catalog.ListCollectionsAsync(Ct)).Single();
        Assert.Equal((expectedTotals.Documents, expectedTotals.Chunks), (totals.Documents, totals.Chunks));
        Assert.True(doneAtKill >= 5);
    }

    private static async Task<int> WaitUntilAsync(IJobStore jobs, string jobId, Func<IngestionJob, bool> condition, SlmRagProcess process)
    {
        for (var i = 0; i < 3000; i++)
        {
            var job = (await jobs.GetJobAsync(jobId, Ct))!;
            if (condition(job))
            {
                return job.Progress.FilesDone;
            }

            Assert.False(process.HasExited, $"slmrag worker exited early:\n{process.Output}");
            await Task.Delay(100, Ct);
        }

        throw new TimeoutException($"The job did not reach the expected state. Worker output:\n{process.Output}");
    }
}

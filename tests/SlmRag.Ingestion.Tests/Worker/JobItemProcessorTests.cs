using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SlmRag.Core.Extraction;
using SlmRag.Core.Ingestion;
using SlmRag.Core.Jobs;
using SlmRag.Ingestion.Worker;
using SlmRag.Testing;

namespace SlmRag.Ingestion.Tests.Worker;

public sealed class JobItemProcessorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <remarks>The scripted extractor runs in this process: the sandboxed child would not know it.</remarks>
    private static IngestionHarness WithExtractor(FlakyExtractor extractor, Dictionary<string, string?>? settings = null) =>
        new(new Dictionary<string, string?>(settings ?? []) { ["Ingestion:Sandbox:Enabled"] = "false" }, (services, _) =>
        {
            services.RemoveAll<IDocumentExtractor>();
            services.AddSingleton<IDocumentExtractor>(extractor);
        });

    [Fact]
    public async Task Transient_failures_are_retried_until_they_pass()
    {
        var extractor = new FlakyExtractor(2, () => new IOException("disk busy"));
        using var harness = WithExtractor(extractor);
        using var temp = new TempDirectory();

        var job = await harness.IngestAsync("c", [temp.File("a.txt", "Alpha paragraph.")]);

        Assert.Equal(JobItemState.Succeeded, job.Items[0].State);
        Assert.Equal(3, job.Items[0].Attempts);
        Assert.Equal(3, extractor.Calls);
    }

    [Fact]
    public async Task A_crashed_extractor_fails_the_item_once_and_counts_it()
    {
        var extractor = new FlakyExtractor(int.MaxValue, () => new IngestionException(IngestionError.ExtractorCrashed, "The extractor process crashed on this document (exit code 134)."));
        using var harness = WithExtractor(extractor);
        using var temp = new TempDirectory();

        var job = await harness.IngestAsync("c", [temp.File("a.txt", "Alpha paragraph.")]);

        Assert.Equal(IngestionError.ExtractorCrashed, job.Items[0].Error);
        Assert.Equal(1, job.Items[0].Attempts);
        Assert.Equal(1, extractor.Calls);
        Assert.Equal(1, harness.Services.GetRequiredService<JobItemProcessor>().UnexpectedFailures);
    }

    [Fact]
    public async Task Transient_failures_give_up_after_the_attempt_limit()
    {
        var extractor = new FlakyExtractor(int.MaxValue, () => new IOException("disk gone"));
        using var harness = WithExtractor(extractor, new() { ["Ingestion:Worker:MaxAttempts"] = "2" });
        using var temp = new TempDirectory();

        var job = await harness.IngestAsync("c", [temp.File("a.txt", "Alpha.")]);

        Assert.Equal(JobItemState.Failed, job.Items[0].State);
        Assert.Equal(IngestionError.Transient, job.Items[0].Error);
        Assert.Contains("disk gone", job.Items[0].Reason, StringComparison.Ordinal);
        Assert.Equal(2, extractor.Calls);
    }

    [Fact]
    public async Task Fatal_failures_are_not_retried()
    {
        var extractor = new FlakyExtractor(int.MaxValue, () => new IngestionException(IngestionError.Malformed, "broken"));
        using var harness = WithExtractor(extractor);
        using var temp = new TempDirectory();

        var job = await harness.IngestAsync("c", [temp.File("a.txt", "Alpha.")]);

        Assert.Equal((JobItemState.Failed, IngestionError.Malformed, "broken"), (job.Items[0].State, job.Items[0].Error!.Value, job.Items[0].Reason));
        Assert.Equal(1, extractor.Calls);
    }

    [Fact]
    public async Task A_bug_fails_the_document_is_counted_and_the_next_document_still_runs()
    {
        var extractor = new FlakyExtractor(1, () => new NullReferenceException("bug"));
        using var harness = WithExtractor(extractor);
        using var temp = new TempDirectory();

        var job = await harness.IngestAsync("c", [temp.File("a.txt", "Alpha."), temp.File("b.txt", "Beta.")]);

        Assert.Equal(IngestionError.Internal, job.Items[0].Error);
        Assert.Equal(JobItemState.Succeeded, job.Items[1].State);
        Assert.Equal(1, harness.Services.GetRequiredService<JobItemProcessor>().UnexpectedFailures);
    }

    [Fact]
    public async Task An_item_whose_worker_died_is_taken_over_when_its_lease_expires()
    {
        using var harness = new IngestionHarness(new Dictionary<string, string?> { ["Ingestion:Worker:LeaseSeconds"] = "1" });
        using var temp = new TempDirectory();
        await harness.CreateCollectionAsync("c");
        var job = await harness.SubmitAsync("c", [(temp.File("a.md", "# A\n\nAlpha."), null)]);
        Assert.NotNull(await harness.Jobs.ClaimNextItemAsync("dead-worker", TimeSpan.FromSeconds(1), Ct));
        Assert.Null(await harness.Jobs.ClaimNextItemAsync("other", TimeSpan.FromSeconds(1), Ct));

        await Task.Delay(TimeSpan.FromSeconds(1.2), Ct);
        var finished = await harness.DrainAsync(job.Id);

        Assert.Equal(JobItemState.Succeeded, finished.Items[0].State);
        Assert.Equal(2, finished.Items[0].Attempts);
        Assert.False(await harness.Jobs.CompleteItemAsync(job.Id, 0, "dead-worker", JobItemResult.Failed(IngestionError.Internal, "late"), Ct));
    }

    [Fact]
    public async Task An_item_that_keeps_killing_its_worker_is_given_up()
    {
        using var harness = new IngestionHarness(new Dictionary<string, string?> { ["Ingestion:Worker:LeaseSeconds"] = "1", ["Ingestion:Worker:MaxAttempts"] = "1" });
        using var temp = new TempDirectory();
        await harness.CreateCollectionAsync("c");
        var job = await harness.SubmitAsync("c", [(temp.File("a.md", "# A\n\nAlpha."), null)]);
        await harness.Jobs.ClaimNextItemAsync("dead-worker", TimeSpan.FromMilliseconds(100), Ct);

        await Task.Delay(200, Ct);
        var finished = await harness.DrainAsync(job.Id);

        Assert.Equal(JobItemState.Failed, finished.Items[0].State);
        Assert.Contains("Gave up after 1 attempts", finished.Items[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hosted_worker_drains_submitted_jobs()
    {
        using var harness = new IngestionHarness();
        using var temp = new TempDirectory();
        await harness.CreateCollectionAsync("c");
        var worker = harness.Services.GetRequiredService<IEnumerable<IHostedService>>().OfType<IngestionWorker>().Single();
        await worker.StartAsync(Ct);
        try
        {
            var job = await harness.SubmitAsync("c", [(temp.File("a.md", "# A\n\nAlpha."), null), (temp.File("b.md", "# B\n\nBeta."), null)]);
            IngestionJob? current = job;
            // A budget (60 s, as the API tests' job wait), not a measurement: 2 files took 0.7 s here under two busy loops,
            // but CI runs eleven test projects at once on two cores.
            for (var i = 0; i < 1200 && current!.State != JobState.Completed; i++)
            {
                await Task.Delay(50, Ct);
                current = await harness.Jobs.GetJobAsync(job.Id, Ct);
            }

            Assert.Equal(JobState.Completed, current!.State);
            Assert.Equal(2, current.Progress.Succeeded);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }
}

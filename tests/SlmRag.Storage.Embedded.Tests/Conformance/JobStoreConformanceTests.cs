using SlmRag.Core.Documents;
using SlmRag.Core.Ingestion;
using SlmRag.Core.Jobs;
using SlmRag.Core.Storage;

namespace SlmRag.Storage.Embedded.Tests.Conformance;

/// <summary>What every <see cref="IJobStore"/> must do. Each implementation subclasses this suite.</summary>
public abstract class JobStoreConformanceTests
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract IJobStore Store { get; }

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_job_records_its_items_and_refusals()
    {
        var job = await Store.CreateJobAsync("hr", [Item("a.md"), Item("b.md") with { BlobId = null, ContentHash = null, RefusedWith = IngestionError.TooLarge, RefusalReason = "too big" }], Ct);

        Assert.Equal(JobState.Queued, job.State);
        Assert.Equal([JobItemState.Pending, JobItemState.Failed], job.Items.Select(i => i.State));
        Assert.Equal((IngestionError.TooLarge, "too big"), (job.Items[1].Error!.Value, job.Items[1].Reason));
        Assert.Equal(new string('b', 64), job.Items[0].ContentHash);
        Assert.Equal(new JobProgress(2, 1, 0, 0, 1, 0, 0), job.Progress);
        Assert.Equal(job.Id, (await Store.ListJobsAsync("hr", 10, Ct)).Single().Id);
        Assert.Empty(await Store.ListJobsAsync("it", 10, Ct));
    }

    [Fact]
    public async Task A_new_job_is_returned_as_submitted_even_while_a_worker_claims_at_once()
    {
        // The upload answers with the returned job; a worker woken by an earlier job may claim this one's item at any moment.
        var jobs = new List<IngestionJob>();
        await WhileClaimingAsync(100, async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                jobs.Add(await Store.CreateJobAsync("hr", [Item($"{i}.md")], Ct));
            }
        });

        Assert.All(jobs, job => Assert.Equal((JobState.Queued, JobItemState.Pending, 0, (DateTimeOffset?)null),
            (job.State, job.Items[0].State, job.Items[0].Attempts, job.Items[0].StartedAt)));
    }

    [Fact]
    public async Task A_job_read_while_a_worker_claims_shows_its_head_and_items_at_one_moment()
    {
        // Each job read right after it is created, when the worker is most likely claiming its item.
        var reads = new List<IngestionJob>();
        await WhileClaimingAsync(100, async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                var job = await Store.CreateJobAsync("hr", [Item($"{i}.md")], Ct);
                reads.Add((await Store.GetJobAsync(job.Id, Ct))!);
            }
        });

        Assert.All(reads, job => Assert.Equal(job.State == JobState.Queued, job.Items[0].State == JobItemState.Pending));
    }

    /// <summary>Runs <paramref name="work"/> while another thread claims items as fast as it can, until it has claimed <paramref name="items"/>.</summary>
    private async Task WhileClaimingAsync(int items, Func<Task> work)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var worker = Task.Run(async () =>
        {
            started.SetResult();
            for (var claims = 0; claims < items && !stop.IsCancellationRequested;)
            {
                claims += await Store.ClaimNextItemAsync("w", Lease, CancellationToken.None) is null ? 0 : 1;
            }
        }, CancellationToken.None);
        await started.Task;
        var done = work();
        try
        {
            await done;
        }
        finally
        {
            // Had the work failed, fewer items exist than the worker waits for.
            if (!done.IsCompletedSuccessfully)
            {
                await stop.CancelAsync();
            }

            await worker;
        }
    }

    [Fact]
    public async Task A_job_of_refusals_only_is_complete_at_once()
    {
        var job = await Store.CreateJobAsync("hr", [Item("x") with { BlobId = null, ContentHash = null, RefusedWith = IngestionError.EmptyFile, RefusalReason = "empty" }], Ct);

        Assert.Equal(JobState.Completed, job.State);
        Assert.Null(await Store.ClaimNextItemAsync("w", Lease, Ct));
    }

    [Fact]
    public async Task The_queue_depth_counts_pending_and_running_items_across_jobs_and_not_refusals_or_finished_ones()
    {
        var empty = await Store.GetQueueDepthAsync(Ct);
        var first = await Store.CreateJobAsync("hr", [Item("a.md"), Item("b.md"), Item("c.md") with { BlobId = null, ContentHash = null, RefusedWith = IngestionError.TooLarge, RefusalReason = "too big" }], Ct);
        await Store.CreateJobAsync("it", [Item("d.md")], Ct);
        var queued = await Store.GetQueueDepthAsync(Ct);
        var claimed = await Store.ClaimNextItemAsync("w1", Lease, Ct);
        var running = await Store.GetQueueDepthAsync(Ct);
        await Store.CompleteItemAsync(first.Id, claimed!.Item.Ordinal, "w1", new JobItemResult(JobItemState.Succeeded, "d", 1, 1), Ct);

        Assert.Equal(new QueueDepth(0, 0), empty);
        Assert.Equal(new QueueDepth(3, 0), queued);
        Assert.Equal(new QueueDepth(2, 1), running);
        Assert.Equal(new QueueDepth(2, 0), await Store.GetQueueDepthAsync(Ct));
    }

    [Fact]
    public async Task Items_are_claimed_once_in_order_and_the_job_completes_with_the_last()
    {
        var job = await Store.CreateJobAsync("hr", [Item("a.md"), Item("b.md")], Ct);

        var first = await Store.ClaimNextItemAsync("w1", Lease, Ct);
        var second = await Store.ClaimNextItemAsync("w2", Lease, Ct);
        var none = await Store.ClaimNextItemAsync("w3", Lease, Ct);

        Assert.Equal((0, 1), (first!.Item.Ordinal, second!.Item.Ordinal));
        Assert.Null(none);
        Assert.Equal(JobState.Running, (await Store.GetJobAsync(job.Id, Ct))!.State);
        Assert.True(await Store.CompleteItemAsync(job.Id, 0, "w1", new JobItemResult(JobItemState.Succeeded, "d", 1, 2), Ct));
        Assert.Equal(JobState.Running, (await Store.GetJobAsync(job.Id, Ct))!.State);
        Assert.True(await Store.CompleteItemAsync(job.Id, 1, "w2", new JobItemResult(JobItemState.Unchanged, "e", 0, 3), Ct));
        var done = await Store.GetJobAsync(job.Id, Ct);
        Assert.Equal(JobState.Completed, done!.State);
        Assert.NotNull(done.FinishedAt);
        Assert.Equal(new JobProgress(2, 2, 1, 1, 0, 1, 5), done.Progress);
        Assert.Equal(new JobSummary(job.Id, "hr", JobState.Completed, done.Progress), await Store.GetJobSummaryAsync(job.Id, Ct));
        Assert.Null(await Store.GetJobSummaryAsync("missing", Ct));
    }

    [Fact]
    public async Task Only_the_lease_holder_can_complete_renew_or_report()
    {
        var job = await Store.CreateJobAsync("hr", [Item("a.md")], Ct);
        await Store.ClaimNextItemAsync("w1", Lease, Ct);

        Assert.False(await Store.CompleteItemAsync(job.Id, 0, "intruder", JobItemResult.Failed(IngestionError.Internal, "x"), Ct));
        Assert.False(await Store.RenewLeaseAsync(job.Id, 0, "intruder", Lease, Ct));
        Assert.True(await Store.RenewLeaseAsync(job.Id, 0, "w1", Lease, Ct));
        await Store.ReportItemProgressAsync(job.Id, 0, "w1", 7, 9, Ct);
        await Store.ReportItemProgressAsync(job.Id, 0, "intruder", 1, 1, Ct);

        var item = (await Store.GetJobAsync(job.Id, Ct))!.Items[0];
        Assert.Equal((JobItemState.Running, 7, 9), (item.State, item.Pages, item.Chunks));
    }

    [Fact]
    public async Task An_expired_lease_hands_the_item_to_the_next_worker()
    {
        var job = await Store.CreateJobAsync("hr", [Item("a.md")], Ct);
        await Store.ClaimNextItemAsync("dead", TimeSpan.FromMilliseconds(50), Ct);
        await Task.Delay(120, Ct);

        var taken = await Store.ClaimNextItemAsync("alive", Lease, Ct);

        Assert.Equal(2, taken!.Item.Attempts);
        Assert.False(await Store.CompleteItemAsync(job.Id, 0, "dead", JobItemResult.Failed(IngestionError.Internal, "late"), Ct));
        Assert.True(await Store.CompleteItemAsync(job.Id, 0, "alive", new JobItemResult(JobItemState.Succeeded, "d", 0, 1), Ct));
    }

    [Fact]
    public async Task Retries_wait_until_due_and_clean_releases_do_not_count()
    {
        var job = await Store.CreateJobAsync("hr", [Item("a.md")], Ct);
        await Store.ClaimNextItemAsync("w", Lease, Ct);
        Assert.True(await Store.RetryItemLaterAsync(job.Id, 0, "w", "flaky", DateTimeOffset.UtcNow.AddHours(1), countsAsAttempt: true, Ct));
        Assert.Null(await Store.ClaimNextItemAsync("w", Lease, Ct));

        var other = await Store.CreateJobAsync("hr", [Item("b.md")], Ct);
        await Store.ClaimNextItemAsync("w", Lease, Ct);
        await Store.RetryItemLaterAsync(other.Id, 0, "w", "stopping", DateTimeOffset.UtcNow, countsAsAttempt: false, Ct);
        var again = await Store.ClaimNextItemAsync("w2", Lease, Ct);

        Assert.Equal((other.Id, 1), (again!.Item.JobId, again.Item.Attempts));
        Assert.Equal("flaky", (await Store.GetJobAsync(job.Id, Ct))!.Items[0].Reason);
    }

    [Fact]
    public async Task Passwords_are_handed_to_the_worker_only_and_forgotten_when_done()
    {
        var job = await Store.CreateJobAsync("hr", [Item("a.pdf") with { Password = "s3cret" }], Ct);
        Assert.True(job.Items[0].HasPassword);

        var claimed = await Store.ClaimNextItemAsync("w", Lease, Ct);
        Assert.Equal("s3cret", claimed!.Password);
        await Store.CompleteItemAsync(job.Id, 0, "w", new JobItemResult(JobItemState.Succeeded, "d", 1, 1), Ct);

        Assert.False(await PasswordStillStoredAsync(job.Id));
    }

    [Fact]
    public async Task Blobs_are_in_use_until_their_item_ends()
    {
        var item = Item("a.md");
        var job = await Store.CreateJobAsync("hr", [item, Item("b.md") with { BlobId = null, ContentHash = null, RefusedWith = IngestionError.EmptyFile, RefusalReason = "empty" }], Ct);
        Assert.Equal([item.BlobId!], await Store.BlobsInUseAsync(Ct));

        await Store.ClaimNextItemAsync("w", Lease, Ct);
        Assert.Equal([item.BlobId!], await Store.BlobsInUseAsync(Ct));
        await Store.CompleteItemAsync(job.Id, 0, "w", new JobItemResult(JobItemState.Succeeded, "d", 0, 1), Ct);

        Assert.Empty(await Store.BlobsInUseAsync(Ct));
    }

    /// <summary>Looks beneath the port: the implementation's own storage must not keep a finished item's password.</summary>
    protected abstract Task<bool> PasswordStillStoredAsync(string jobId);

    protected static NewJobItem Item(string name) => new(name, name, Guid.NewGuid().ToString("N"), new string('b', 64), 10, DocumentMetadata.Empty, null);
}

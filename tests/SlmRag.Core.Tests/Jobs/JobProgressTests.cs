using SlmRag.Core.Documents;
using SlmRag.Core.Ingestion;
using SlmRag.Core.Jobs;

namespace SlmRag.Core.Tests.Jobs;

public sealed class JobProgressTests
{
    private static JobItem Item(JobItemState state, int pages = 0, int chunks = 0) =>
        new("j", 0, "f", "k", null, null, 0, DocumentMetadata.Empty, false, state, 1, state == JobItemState.Failed ? IngestionError.Malformed : null, null, null, pages, chunks, null, null);

    [Fact]
    public void Progress_counts_items_by_outcome()
    {
        var progress = JobProgress.From([
            Item(JobItemState.Succeeded, 3, 10), Item(JobItemState.Unchanged, 1, 2), Item(JobItemState.Failed),
            Item(JobItemState.Running, 2, 0), Item(JobItemState.Pending)]);

        Assert.Equal(new JobProgress(5, 3, 1, 1, 1, 6, 12), progress);
        Assert.Equal(0.6, progress.Fraction, 3);
    }

    [Fact]
    public void An_empty_job_is_complete() => Assert.Equal(1, JobProgress.From([]).Fraction);
}

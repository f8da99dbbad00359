namespace SlmRag.Core.Jobs;

/// <summary>A batch of files uploaded together into one collection.</summary>
public sealed record IngestionJob(
    string Id,
    string Collection,
    JobState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    IReadOnlyList<JobItem> Items)
{
    public JobProgress Progress => JobProgress.From(Items);
}

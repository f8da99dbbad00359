namespace SlmRag.Core.Jobs;

/// <summary>A job's state and counters without its items: cheap to poll for jobs of any size.</summary>
public sealed record JobSummary(string Id, string Collection, JobState State, JobProgress Progress);

namespace SlmRag.Core.Jobs;

/// <summary>How far the workers are behind: items due now (pending, or running under an expired lease) and the oldest due time.</summary>
public sealed record QueueLag(int Waiting, DateTimeOffset? OldestDueAt);

namespace SlmRag.Core.Jobs;

/// <summary>Items in the queue now: pending (waiting for a worker or a retry) and running (leased to a worker).</summary>
public sealed record QueueDepth(int Pending, int Running);

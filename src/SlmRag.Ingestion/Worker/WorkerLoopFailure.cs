namespace SlmRag.Ingestion.Worker;

/// <summary>A failure of the worker loop itself (not of a document): when, and what the store or disk said.</summary>
public sealed record WorkerLoopFailure(DateTimeOffset At, string Message);

namespace SlmRag.Ingestion;

/// <summary><c>Ingestion:Worker</c>: the background worker that drains the job queue.</summary>
public sealed class WorkerOptions
{
    /// <summary>Run the worker inside the API process. Turn off when a separate <c>slmrag worker</c> runs.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Documents processed at once.</summary>
    public int Concurrency { get; set; } = 1;

    /// <summary>How long a claimed item stays leased without renewal; a killed worker's items return to the queue after it.</summary>
    public double LeaseSeconds { get; set; } = 60;

    public double PollSeconds { get; set; } = 1;

    /// <summary>Attempts for transient failures (and for items whose worker died) before the item fails.</summary>
    public int MaxAttempts { get; set; } = 3;

    public double RetryDelaySeconds { get; set; } = 5;
}

namespace SlmRag.Api.Health;

/// <summary><c>Health</c>: thresholds of the health checks behind /healthz, /healthz/ready and /healthz/live.</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>How long a costly result (the database's quick_check) is reused; a fault shows within this time.</summary>
    public int IntervalSeconds { get; set; } = 30;

    /// <summary>Free space under the data directory below which the service reports unhealthy (uploads would fail).</summary>
    public int MinFreeDiskMegabytes { get; set; } = 256;

    /// <summary>A file due for processing longer than this means the worker is stalled.</summary>
    public int WorkerLagSeconds { get; set; } = 300;

    /// <summary>Deadline of each remote probe (Qdrant, frontier).</summary>
    public int ProbeTimeoutSeconds { get; set; } = 5;
}

using System.Diagnostics;

namespace SlmRag.Ingestion.Telemetry;

/// <summary>One running ingestion stage: disposing it records the stage's duration and ends its span.</summary>
public readonly struct IngestionStage(string stage, Activity? activity) : IDisposable
{
    private readonly long _started = Stopwatch.GetTimestamp();

    public void Dispose()
    {
        IngestionTelemetry.StageDuration.Record(Stopwatch.GetElapsedTime(_started).TotalMilliseconds, new KeyValuePair<string, object?>("stage", stage));
        activity?.Dispose();
    }
}

using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SlmRag.Ingestion.Telemetry;

/// <summary>
/// Ingestion's traces and metrics (source and meter <see cref="Name"/>): a span per document and per stage, documents
/// by outcome and error code, chunks and bytes ingested, stage latencies. The queue's depth and lag are observed from
/// the job store by <see cref="IngestionQueueMetrics"/>. Thread-safe.
/// </summary>
public static class IngestionTelemetry
{
    public const string Name = "SlmRag.Ingestion";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Documents finished, by <c>collection</c>, <c>outcome</c> (Succeeded, Unchanged, Failed) and <c>error</c> (an IngestionError, or none).</summary>
    public static readonly Counter<long> Documents = Meter.CreateCounter<long>("slmrag.ingestion.documents", "{document}", "Documents processed, by outcome and error code.");

    /// <summary>Chunks stored by documents that succeeded, by <c>collection</c>.</summary>
    public static readonly Counter<long> Chunks = Meter.CreateCounter<long>("slmrag.ingestion.chunks", "{chunk}", "Chunks ingested.");

    /// <summary>Uploaded bytes of documents that succeeded, by <c>collection</c>.</summary>
    public static readonly Counter<long> Bytes = Meter.CreateCounter<long>("slmrag.ingestion.bytes", "By", "Bytes of documents ingested.");

    /// <summary>Milliseconds per stage (tag <c>stage</c>: extract, chunk, embed, store).</summary>
    public static readonly Histogram<double> StageDuration = Meter.CreateHistogram<double>("slmrag.ingestion.stage.duration", "ms", "Time spent per ingestion stage.");

    /// <summary>Times one stage of one document (a span and a <see cref="StageDuration"/> measurement) until disposed.</summary>
    public static IngestionStage Stage(string stage) => new(stage, Source.StartActivity("slmrag.ingestion." + stage));
}

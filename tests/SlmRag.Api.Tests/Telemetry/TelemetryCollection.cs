namespace SlmRag.Api.Tests.Telemetry;

/// <summary>
/// The answer and ingestion meters are process-wide: these tests run alone, after the parallel ones, so the
/// figures they read come from their own requests only.
/// </summary>
[CollectionDefinition(nameof(TelemetryCollection), DisableParallelization = true)]
public sealed class TelemetryCollection;

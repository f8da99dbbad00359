using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SlmRag.Answers.Pipeline;
using SlmRag.Ingestion.Telemetry;

namespace SlmRag.Api.Hosting;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// OpenTelemetry traces and metrics: ASP.NET Core, HttpClient (frontier, Qdrant, OpenAI embeddings) and the answer
    /// pipeline (<see cref="AnswerTelemetry"/>: stages, route, model, tokens; the chat pipeline's GenAI spans) and ingestion
    /// (<see cref="IngestionTelemetry"/>: documents by outcome, chunks, bytes, stages; <see cref="IngestionQueueMetrics"/>: queue depth and lag), exported
    /// by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is configured; without it nothing is exported or buffered.
    /// </summary>
    public static IServiceCollection AddSlmRagTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddSource(AnswerTelemetry.Name, IngestionTelemetry.Name))
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddMeter(AnswerTelemetry.Name, IngestionTelemetry.Name)
                // The queue gauges read this host's job store; created with the meter provider, disposed with the container.
                .AddInstrumentation(sp => sp.GetRequiredService<IngestionQueueMetrics>()));
        services.AddSingleton<IngestionQueueMetrics>();
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.UseOtlpExporter();
        }

        return services;
    }
}

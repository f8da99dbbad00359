using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SlmRag.Answers.Pipeline;

namespace SlmRag.Api.Hosting;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// OpenTelemetry traces and metrics: ASP.NET Core, HttpClient (frontier, Qdrant, OpenAI embeddings) and the answer
    /// pipeline (<see cref="AnswerTelemetry"/>: stages, route, model, tokens; the chat pipeline's GenAI spans), exported
    /// by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is configured; without it nothing is exported or buffered.
    /// </summary>
    public static IServiceCollection AddSlmRagTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddSource(AnswerTelemetry.Name))
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddMeter(AnswerTelemetry.Name));
        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.UseOtlpExporter();
        }

        return services;
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SlmRag.Api.Health;
using SlmRag.Ingestion.Worker;

namespace SlmRag.Api.Apis;

public static class HealthApi
{
    /// <param name="Status">ok, degraded or unhealthy (503).</param>
    /// <param name="Checks">Each check by name: its status, what it found (the reason when unhealthy) and its figures.</param>
    public sealed record HealthResponse(string Status, long UnexpectedIngestionFailures, IReadOnlyDictionary<string, HealthEntry> Checks);

    public sealed record HealthEntry(string Status, string? Description, IReadOnlyDictionary<string, object> Data);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>
    /// /healthz: every check with its reason; /healthz/ready: the checks without which requests fail (for load balancers);
    /// /healthz/live: the process answers (for supervisors: restarting cannot fix a full disk).
    /// </summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", Options(_ => true)).WithName("GetHealth").WithTags("Health").AllowAnonymous();
        app.MapHealthChecks("/healthz/ready", Options(c => c.Tags.Contains(HealthServiceCollectionExtensions.ReadyTag))).WithName("GetReadiness").WithTags("Health").AllowAnonymous();
        app.MapHealthChecks("/healthz/live", Options(_ => false)).WithName("GetLiveness").WithTags("Health").AllowAnonymous();
        return app;
    }

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
        ResponseWriter = WriteAsync,
    };

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var processor = context.RequestServices.GetRequiredService<JobItemProcessor>();
        var response = new HealthResponse(Name(report.Status), processor.UnexpectedFailures,
            report.Entries.ToDictionary(e => e.Key, e => new HealthEntry(Name(e.Value.Status), e.Value.Description, e.Value.Data)));
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(response, Json));
    }

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "ok",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}

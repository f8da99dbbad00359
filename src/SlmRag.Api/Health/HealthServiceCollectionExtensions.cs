using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SlmRag.Frontier;
using SlmRag.Storage.Qdrant;

namespace SlmRag.Api.Health;

public static class HealthServiceCollectionExtensions
{
    public const string ReadyTag = "ready";

    /// <summary>
    /// Health checks: database (quick_check), disk (writable, free space), worker lag, and where configured Qdrant and the
    /// frontier endpoint. Ready (/healthz/ready) needs the ones without which requests fail; /healthz shows all.
    /// </summary>
    public static IServiceCollection AddSlmRagHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.SectionName))
            .Validate(o => o.IntervalSeconds >= 1, "Health:IntervalSeconds must be at least 1.")
            .Validate(o => o.MinFreeDiskMegabytes >= 0, "Health:MinFreeDiskMegabytes must not be negative.")
            .Validate(o => o.WorkerLagSeconds >= 1, "Health:WorkerLagSeconds must be at least 1.")
            .Validate(o => o.ProbeTimeoutSeconds >= 1, "Health:ProbeTimeoutSeconds must be at least 1.")
            .ValidateOnStart();
        services.AddHttpClient(nameof(RemoteHealthCheck));
        services.AddSingleton<DatabaseHealthCheck>();
        var checks = services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<DiskHealthCheck>("disk", tags: [ReadyTag])
            .AddCheck<WorkerHealthCheck>("worker");
        if (string.Equals(configuration["Storage:Provider"], "Qdrant", StringComparison.OrdinalIgnoreCase))
        {
            checks.Add(new HealthCheckRegistration("qdrant", sp =>
            {
                var qdrant = sp.GetRequiredService<IOptions<QdrantOptions>>().Value;
                var headers = string.IsNullOrEmpty(qdrant.ApiKey) ? new Dictionary<string, string>() : new Dictionary<string, string> { ["api-key"] = qdrant.ApiKey };
                return new RemoteHealthCheck(Client(sp), new Uri(new Uri(qdrant.Url.TrimEnd('/') + "/"), "readyz"), headers,
                    "searches fail until Qdrant is back.", sp.GetRequiredService<IOptions<HealthOptions>>());
            }, HealthStatus.Unhealthy, [ReadyTag]));
        }

        if (!string.IsNullOrWhiteSpace(configuration["Frontier:Endpoint"]))
        {
            // Degraded, not unhealthy: without the frontier, questions are answered locally.
            checks.Add(new HealthCheckRegistration("frontier", sp =>
            {
                var frontier = sp.GetRequiredService<IOptions<FrontierOptions>>().Value;
                var headers = string.IsNullOrEmpty(frontier.ApiKey) ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Authorization"] = $"Bearer {frontier.ApiKey}" };
                return new RemoteHealthCheck(Client(sp), new Uri(new Uri(frontier.Endpoint.TrimEnd('/') + "/"), "models"), headers,
                    "questions are answered by the local model until it is back.", sp.GetRequiredService<IOptions<HealthOptions>>());
            }, HealthStatus.Degraded, []));
        }

        return services;
    }

    private static HttpClient Client(IServiceProvider services) =>
        services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(RemoteHealthCheck));
}

using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace SlmRag.Api.Health;

/// <summary>
/// Reachability of a remote dependency (Qdrant, the frontier endpoint): one GET with a deadline. What an
/// outage means differs (Qdrant: searches fail; frontier: questions stay local), so each registration says
/// how bad a failure is.
/// </summary>
internal sealed class RemoteHealthCheck(HttpClient http, Uri probe, IReadOnlyDictionary<string, string> headers, string whatFails, IOptions<HealthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["url"] = probe.GetLeftPart(UriPartial.Path) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(options.Value.ProbeTimeoutSeconds));
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, probe);
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            data["status"] = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy("reachable", data)
                : new HealthCheckResult(context.Registration.FailureStatus, $"{probe.Host} answered {(int)response.StatusCode}: {whatFails}", data: data);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{probe.Host} is unreachable ({ex.Message}): {whatFails}", ex, data);
        }
    }
}

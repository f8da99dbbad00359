using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SlmRag.Storage.Embedded;

namespace SlmRag.Api.Health;

/// <summary>
/// The data directory must take writes: a probe file is written, flushed and deleted on every check (so a
/// read-only remount or a full disk shows at once), and free space must stay above the configured minimum.
/// </summary>
internal sealed class DiskHealthCheck(IOptions<EmbeddedStorageOptions> storage, IOptions<HealthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var directory = Path.GetFullPath(storage.Value.DataDirectory);
        var data = new Dictionary<string, object> { ["directory"] = directory };
        var probe = Path.Combine(directory, $".health-{Environment.ProcessId}");
        try
        {
            await using (var file = new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
            {
                await file.WriteAsync(new byte[4096], cancellationToken);
                await file.FlushAsync(cancellationToken);
            }

            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(probe);
            var full = Hosting.StorageFaults.IsDiskFull(ex);
            return HealthCheckResult.Unhealthy(full
                ? $"The disk holding {directory} is full: uploads and ingestion fail until space is freed."
                : $"The data directory {directory} cannot be written ({ex.Message}): check its permissions and mount (read-only?).", ex, data);
        }

        var free = new DriveInfo(directory).AvailableFreeSpace;
        data["freeMegabytes"] = free / (1024 * 1024);
        var minimum = options.Value.MinFreeDiskMegabytes * 1024L * 1024;
        return free < minimum
            ? HealthCheckResult.Unhealthy($"Only {free / (1024 * 1024)} MB are free under {directory} (Health:MinFreeDiskMegabytes is {options.Value.MinFreeDiskMegabytes}).", data: data)
            : HealthCheckResult.Healthy($"{free / (1024 * 1024)} MB free", data);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // the directory is unusable; the result already says so
        }
    }
}

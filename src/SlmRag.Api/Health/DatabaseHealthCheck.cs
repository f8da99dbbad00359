using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SlmRag.Storage.Embedded;

namespace SlmRag.Api.Health;

/// <summary>
/// Runs SQLite's <c>PRAGMA quick_check</c> on the catalog file (at most once per <see cref="HealthOptions.IntervalSeconds"/>,
/// as it reads every page): a damaged file turns unhealthy with SQLite's own finding. Thread-safe.
/// </summary>
internal sealed class DatabaseHealthCheck(IOptions<EmbeddedStorageOptions> storage, IOptions<HealthOptions> options, TimeProvider time) : IHealthCheck
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTimeOffset At, HealthCheckResult Result)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (_last is { } last && now - last.At < TimeSpan.FromSeconds(options.Value.IntervalSeconds))
            {
                return last.Result;
            }

            var result = await QuickCheckAsync(storage.Value.DatabasePath, cancellationToken);
            _last = (now, result);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<HealthCheckResult> QuickCheckAsync(string path, CancellationToken cancellationToken)
    {
        var data = new Dictionary<string, object> { ["file"] = path };
        if (!File.Exists(path))
        {
            return HealthCheckResult.Unhealthy($"The database {path} is missing; restore it or restart the service to create an empty one.", data: data);
        }

        try
        {
            var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
            await using var connection = new SqliteConnection(builder.ToString());
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check(5);";
            var findings = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    findings.Add(reader.GetString(0));
                }
            }

            return findings is ["ok"]
                ? HealthCheckResult.Healthy("quick_check: ok", data)
                : HealthCheckResult.Unhealthy($"The database {path} is damaged (quick_check: {string.Join("; ", findings)}). Restore it from a backup.", data: data);
        }
        catch (SqliteException ex)
        {
            return HealthCheckResult.Unhealthy($"The database {path} cannot be checked (SQLite error {ex.SqliteErrorCode}: {ex.Message}). Restore it from a backup.", ex, data);
        }
    }
}

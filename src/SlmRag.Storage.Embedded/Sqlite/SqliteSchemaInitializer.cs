using Microsoft.Extensions.Hosting;

namespace SlmRag.Storage.Embedded.Sqlite;

/// <summary>Opens the database when the host starts, so a missing permission or a wrong schema version fails start-up, not the first request.</summary>
internal sealed class SqliteSchemaInitializer(SqliteDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.EnsureSchemaAsync().WaitAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Testing;

namespace SlmRag.Storage.Embedded.Tests.Sqlite;

/// <summary>A real SQLite data directory per test class instance.</summary>
public sealed class SqliteStoreFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public SqliteStoreFixture(IReadOnlyDictionary<string, string?>? settings = null)
    {
        Settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Storage:DataDirectory"] = _directory.Path };
        Services = NewServices();
    }

    public ServiceProvider Services { get; private set; }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public string DataDirectory => _directory.Path;

    /// <summary>Disposes the services and starts new ones over the same data directory: a process restart.</summary>
    public void Restart()
    {
        Services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Services = NewServices();
    }

    private ServiceProvider NewServices() =>
        new ServiceCollection().AddEmbeddedStorage(new ConfigurationBuilder().AddInMemoryCollection(Settings).Build()).BuildServiceProvider();

    public string DatabasePath => Path.Combine(_directory.Path, "slmrag.db");

    public void Dispose()
    {
        Services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}

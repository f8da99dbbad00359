using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Testing;

namespace SlmRag.Storage.Embedded.Tests.Sqlite;

/// <summary>A real SQLite data directory per test class instance.</summary>
public sealed class SqliteStoreFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public SqliteStoreFixture()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = _directory.Path }).Build();
        Services = new ServiceCollection().AddEmbeddedStorage(configuration).BuildServiceProvider();
    }

    public ServiceProvider Services { get; }

    public string DatabasePath => Path.Combine(_directory.Path, "slmrag.db");

    public void Dispose()
    {
        Services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}

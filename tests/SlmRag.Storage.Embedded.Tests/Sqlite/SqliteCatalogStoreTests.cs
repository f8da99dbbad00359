using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Storage;
using SlmRag.Storage.Embedded.Tests.Conformance;

namespace SlmRag.Storage.Embedded.Tests.Sqlite;

public sealed class SqliteCatalogStoreTests : CatalogStoreConformanceTests, IDisposable
{
    private readonly SqliteStoreFixture _fixture = new();

    protected override ICatalogStore Store => _fixture.Services.GetRequiredService<ICatalogStore>();

    [Fact]
    public async Task Data_survives_a_new_store_over_the_same_file()
    {
        await Store.CreateCollectionAsync(NewCollection("hr"), Ct);
        var document = NewDocument("hr", "a.md", 1);
        await Store.ReplaceDocumentAsync(document, Content("a"), Chunks(document, "a"), null, Ct);

        using var reopened = new ServiceCollection()
            .AddEmbeddedStorage(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = Path.GetDirectoryName(_fixture.DatabasePath) }).Build())
            .BuildServiceProvider();

        Assert.Single(await reopened.GetRequiredService<ICatalogStore>().GetChunksAsync("hr", document.Id, Ct));
    }

    [Fact]
    public async Task A_database_of_another_schema_version_is_refused_with_the_setting_to_change()
    {
        await Store.ListCollectionsAsync(Ct);
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_fixture.DatabasePath}"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            await command.ExecuteNonQueryAsync(Ct);
        }

        using var reopened = new ServiceCollection()
            .AddEmbeddedStorage(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = Path.GetDirectoryName(_fixture.DatabasePath) }).Build())
            .BuildServiceProvider();

        var error = await Assert.ThrowsAsync<StorageConfigurationException>(() => reopened.GetRequiredService<ICatalogStore>().ListCollectionsAsync(Ct));
        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:DataDirectory", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _fixture.Dispose();
}

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
        await Store.ReplaceDocumentAsync(document, Content("a"), Chunks(document, "a"), Ct);

        using var reopened = new ServiceCollection()
            .AddEmbeddedStorage(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = Path.GetDirectoryName(_fixture.DatabasePath) }).Build())
            .BuildServiceProvider();

        Assert.Single(await reopened.GetRequiredService<ICatalogStore>().GetChunksAsync("hr", document.Id, Ct));
    }

    public void Dispose() => _fixture.Dispose();
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Storage;
using SlmRag.Testing;

namespace SlmRag.Storage.Embedded.Tests.Sqlite;

/// <summary>A data directory that cannot be used stops start-up with a message naming the file and what to do.</summary>
public sealed class StartupFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ServiceProvider Store(string directory) => new ServiceCollection()
        .AddEmbeddedStorage(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = directory }).Build())
        .BuildServiceProvider();

    [Fact]
    public async Task Random_bytes_in_the_database_file_name_it_and_say_to_restore_it()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "slmrag.db");
        await File.WriteAllBytesAsync(path, Enumerable.Range(0, 65536).Select(i => (byte)(i * 7919 % 251)).ToArray(), Ct);
        using var store = Store(temp.Path);

        var error = await Assert.ThrowsAsync<StorageConfigurationException>(() => store.GetRequiredService<ICatalogStore>().ListCollectionsAsync(Ct));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("Restore it from a backup", error.Message, StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task A_truncated_database_names_the_file()
    {
        using var temp = new TempDirectory();
        using (var store = Store(temp.Path))
        {
            await store.GetRequiredService<ICatalogStore>().CreateCollectionAsync(new Core.Collections.Collection("hr", null, false, null, DateTimeOffset.UnixEpoch), Ct);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var path = Path.Combine(temp.Path, "slmrag.db");
        var bytes = await File.ReadAllBytesAsync(path, Ct);
        await File.WriteAllBytesAsync(path, bytes[..Math.Min(bytes.Length, 1500)], Ct);
        File.Delete(path + "-wal");
        File.Delete(path + "-shm");
        using var reopened = Store(temp.Path);

        var error = await Assert.ThrowsAsync<StorageConfigurationException>(() => reopened.GetRequiredService<ICatalogStore>().ListCollectionsAsync(Ct));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void A_data_directory_that_cannot_be_created_names_it_and_the_setting()
    {
        Assert.SkipUnless(Directory.Exists("/proc/self"), "Needs /proc, a file system nobody can write.");

        var error = Assert.Throws<StorageConfigurationException>(() => Store("/proc/self/slmrag-data").GetRequiredService<ICatalogStore>());

        Assert.Contains("/proc/self/slmrag-data", error.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:DataDirectory", error.Message, StringComparison.Ordinal);
    }
}

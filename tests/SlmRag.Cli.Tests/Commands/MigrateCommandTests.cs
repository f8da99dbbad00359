using SlmRag.Testing;

namespace SlmRag.Cli.Tests.Commands;

public sealed class MigrateCommandTests
{
    [Fact]
    public async Task Migrating_needs_a_qdrant_url_and_says_so()
    {
        using var directory = new TempDirectory();
        var (exit, output) = await SlmRagProcess.RunAsync(["migrate", "--to", "qdrant", "--data-dir", directory.Path]);
        Assert.Equal(2, exit);
        Assert.Contains("Storage:Qdrant:Url", output);
    }

    [Fact]
    public async Task Migrates_a_collection_to_a_real_qdrant_and_verifies_it_when_QDRANT_URL_is_set()
    {
        var url = Environment.GetEnvironmentVariable("QDRANT_URL");
        if (string.IsNullOrEmpty(url))
        {
            Assert.Skip("QDRANT_URL is not set: no Qdrant server to migrate to (none can run on these machines).");
        }

        using var directory = new TempDirectory();
        var data = Path.Combine(directory.Path, "data");
        directory.File("docs/leave.md", "# Leave\n\nFull-time employees receive 27 days of paid annual leave.\n");
        await SlmRagProcess.RunAsync(["ingest", Path.Combine(directory.Path, "docs"), "-c", "migrate-test", "--data-dir", data]);
        var (exit, output) = await SlmRagProcess.RunAsync(["migrate", "--to", "qdrant", "-c", "migrate-test", "--data-dir", data],
            new Dictionary<string, string> { ["Storage__Qdrant__Url"] = url });
        Assert.True(exit == 0, output);
        Assert.Contains("ok migrate-test", output);
    }
}

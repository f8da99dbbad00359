using SlmRag.Testing;

namespace SlmRag.Cli.Tests.Commands;

public sealed class IngestCommandTests
{
    [Fact]
    public async Task Ingesting_a_folder_reports_each_file_and_fails_the_exit_code_when_one_fails()
    {
        using var data = new TempDirectory();
        using var input = new TempDirectory();
        input.File("policies/leave.md", "# Leave\n\nEmployees get 25 days.");
        input.File("empty.txt", string.Empty);
        input.File(".hidden/skip.md", "# Hidden");

        var (exitCode, output) = await SlmRagProcess.RunAsync(["ingest", input.Path, "--collection", "hr", "--data-dir", data.Path]);
        var (_, documents) = await SlmRagProcess.RunAsync(["documents", "-c", "hr", "--data-dir", data.Path]);
        File.Delete(Path.Combine(input.Path, "empty.txt"));
        var (again, second) = await SlmRagProcess.RunAsync(["ingest", input.Path, "--collection", "hr", "--data-dir", data.Path]);

        Assert.Equal(1, exitCode);
        Assert.Contains("EmptyFile", output, StringComparison.Ordinal);
        Assert.Contains("1 ingested", output, StringComparison.Ordinal);
        Assert.DoesNotContain("skip.md", output, StringComparison.Ordinal);
        Assert.Contains("policies/leave.md", documents, StringComparison.Ordinal);
        Assert.Equal(0, again);
        Assert.Contains("1 unchanged", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Re_ingesting_with_an_access_group_replaces_the_public_document_and_the_list_shows_its_group()
    {
        using var data = new TempDirectory();
        using var input = new TempDirectory();
        input.File("leave.md", "# Leave\n\nEmployees get 25 days.");

        await SlmRagProcess.RunAsync(["ingest", input.Path, "--collection", "hr", "--data-dir", data.Path]);
        var (exitCode, output) = await SlmRagProcess.RunAsync(["ingest", input.Path, "--collection", "hr", "--access-group", "hr", "--data-dir", data.Path]);
        var (_, documents) = await SlmRagProcess.RunAsync(["documents", "-c", "hr", "--data-dir", data.Path]);

        Assert.Equal(0, exitCode);
        Assert.Contains("1 ingested", output, StringComparison.Ordinal);
        Assert.Contains("leave.md [hr]", documents, StringComparison.Ordinal);
        Assert.Contains("1 documents in 'hr'", documents, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_gets_a_message_and_exit_code_2()
    {
        using var data = new TempDirectory();

        var missing = await SlmRagProcess.RunAsync(["ingest", "/no/such/folder", "-c", "hr", "--data-dir", data.Path]);
        var badName = await SlmRagProcess.RunAsync(["ingest", data.Path, "-c", "Bad Name", "--data-dir", data.Path]);
        var badConfig = await SlmRagProcess.RunAsync(["jobs", "--data-dir", data.Path], new Dictionary<string, string> { ["Ingestion__Chunking__OverlapTokens"] = "5000" });

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("neither a file nor a folder", missing.Output, StringComparison.Ordinal);
        Assert.Equal(2, badName.ExitCode);
        Assert.Contains("not a valid collection name", badName.Output, StringComparison.Ordinal);
        using var old = new TempDirectory();
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(old.Path, "slmrag.db")}"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE t (x); PRAGMA user_version = 7;";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var wrongSchema = await SlmRagProcess.RunAsync(["collections", "--data-dir", old.Path]);

        Assert.Equal(2, wrongSchema.ExitCode);
        Assert.Contains("schema version 7", wrongSchema.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", wrongSchema.Output, StringComparison.Ordinal);
        Assert.Equal(2, badConfig.ExitCode);
        Assert.Contains("Ingestion:Chunking:OverlapTokens", badConfig.Output, StringComparison.Ordinal);
    }
}

using SlmRag.Testing;

namespace SlmRag.Ingestion.Tests.Pipeline;

/// <summary>An encrypted PDF's password is forgotten when its item ends, also from the database's free pages and log.</summary>
public sealed class PasswordRetentionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_password_does_not_linger_in_the_database_files_after_its_item_ends()
    {
        using var temp = new TempDirectory();
        using var harness = new IngestionHarness(dataDirectory: temp.Path);
        const string password = "Zq8-unique-secret-password-77";

        await harness.IngestAsync("c", [temp.File("a.txt", "A document uploaded with a password.")], password: password);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        foreach (var file in Directory.GetFiles(temp.Path, "slmrag.db*"))
        {
            var bytes = await File.ReadAllBytesAsync(file, Ct);
            Assert.True(bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(password)) < 0, $"{Path.GetFileName(file)} still holds the password.");
        }
    }
}

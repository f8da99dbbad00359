using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Storage;
using SlmRag.Storage.Embedded.Tests.Conformance;

namespace SlmRag.Storage.Embedded.Tests.Sqlite;

public sealed class SqliteJobStoreTests : JobStoreConformanceTests, IDisposable
{
    private readonly SqliteStoreFixture _fixture = new();

    protected override IJobStore Store => _fixture.Services.GetRequiredService<IJobStore>();

    [Fact]
    public async Task Concurrent_claimers_never_share_an_item()
    {
        var job = await Store.CreateJobAsync("hr", Enumerable.Range(0, 40).Select(i => Item($"{i}.md")).ToList(), Ct);

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var mine = new List<int>();
            while (await Store.ClaimNextItemAsync($"w{w}", TimeSpan.FromMinutes(1), Ct) is { } claimed)
            {
                mine.Add(claimed.Item.Ordinal);
            }

            return mine;
        }, Ct)));

        var all = claims.SelectMany(c => c).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 40), all);
        Assert.Equal(job.Items.Count, all.Count);
    }

    protected override async Task<bool> PasswordStillStoredAsync(string jobId)
    {
        await using var connection = new SqliteConnection($"Data Source={_fixture.DatabasePath}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM job_items WHERE job_id = $id AND password IS NOT NULL";
        command.Parameters.AddWithValue("$id", jobId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    public void Dispose() => _fixture.Dispose();
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using SlmRag.Api.Health;
using SlmRag.Core.Jobs;
using SlmRag.Ingestion.Worker;
using SlmRag.Storage.Embedded;

namespace SlmRag.Api.Tests.Health;

/// <summary>Each fault turns /healthz unhealthy with a named reason once its check runs again, and clears without losing anything.</summary>
public sealed class HealthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(HttpStatusCode Status, JsonElement Body)> HealthAsync(HttpClient client, string path = "/healthz")
    {
        var response = await client.GetAsync(path, Ct);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return (response.StatusCode, json.RootElement.Clone());
    }

    /// <summary>
    /// Polls /healthz until <paramref name="reached"/> holds or 30 s pass, then returns the last answer for the
    /// caller to assert on: checks are cached per interval and the worker's loop runs on its own timer, so a
    /// fixed wait of one interval fails on a loaded machine.
    /// </summary>
    private static async Task<(HttpStatusCode Status, JsonElement Body)> HealthOnceAsync(HttpClient client, Func<JsonElement, bool> reached)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var answer = await HealthAsync(client);
            if (reached(answer.Body) || DateTime.UtcNow > deadline)
            {
                return answer;
            }

            await Task.Delay(200, Ct);
        }
    }

    private static string Check(JsonElement body, string name) => body.GetProperty("checks").GetProperty(name).GetProperty("status").GetString()!;

    private static string Reason(JsonElement body, string name) => body.GetProperty("checks").GetProperty(name).GetProperty("description").GetString()!;

    [Fact]
    public async Task A_healthy_service_reports_each_check_and_its_probes()
    {
        using var factory = new SlmRagApiFactory();
        var client = factory.CreateClient();

        var (status, body) = await HealthAsync(client);
        var ready = await client.GetAsync("/healthz/ready", Ct);
        var live = await client.GetAsync("/healthz/live", Ct);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.Equal(["database", "disk", "worker"], body.GetProperty("checks").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task A_damaged_database_file_is_named_at_its_next_check_and_clears_when_restored()
    {
        using var factory = new SlmRagApiFactory(new Dictionary<string, string?> { ["Health:IntervalSeconds"] = "1" });
        var client = await factory.ClientWithCollectionAsync("docs");
        await Apis.AnswerDocuments.UploadAsync(client, "docs", [("leave.md", Apis.AnswerDocuments.Leave)], null);
        var path = factory.Services.GetRequiredService<IOptions<EmbeddedStorageOptions>>().Value.DatabasePath;
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            await connection.OpenAsync(Ct);
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync(Ct);
        }

        var original = await File.ReadAllBytesAsync(path, Ct);
        var damaged = (byte[])original.Clone();
        // Garbage over every page but the first (which holds the header): what "random bytes in slmrag.db" does.
        new Random(12).NextBytes(damaged.AsSpan(4096));
        await File.WriteAllBytesAsync(path, damaged, Ct);

        var (status, body) = await HealthOnceAsync(client, b => Check(b, "database") == "unhealthy");
        var ready = await client.GetAsync("/healthz/ready", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("unhealthy", Check(body, "database"));
        Assert.Contains(path, Reason(body, "database"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);

        SqliteConnection.ClearAllPools();
        await File.WriteAllBytesAsync(path, original, Ct);
        // The worker may have failed a loop on the damaged file: its check stays unhealthy for two intervals after that.
        var (restored, after) = await HealthOnceAsync(client, b => b.GetProperty("status").GetString() == "ok");
        Assert.Equal(HttpStatusCode.OK, restored);
        Assert.Equal("ok", Check(after, "database"));
        Assert.Contains("27 days", await client.GetStringAsync($"/v1/collections/docs/documents/{SlmRag.Core.Documents.DocumentIds.ForKey("docs", "leave.md")}/chunks", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stalled_worker_is_named_and_its_files_are_processed_once_it_runs()
    {
        using var factory = new SlmRagApiFactory(new Dictionary<string, string?> { ["Ingestion:Worker:Enabled"] = "false", ["Health:WorkerLagSeconds"] = "1" });
        var client = await factory.ClientWithCollectionAsync("docs");
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent("# Parking\n\nPermits are issued by reception.\n"u8.ToArray());
        part.Headers.ContentType = new MediaTypeHeaderValue("text/markdown");
        form.Add(part, "files", "parking.md");
        var job = await (await client.PostAsync("/v1/collections/docs/documents", form, Ct)).Content.ReadFromJsonAsync<IngestionJob>(SlmRagApiFactory.Json, Ct);
        await Task.Delay(1500, Ct);

        var (status, body) = await HealthAsync(client);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("unhealthy", Check(body, "worker"));
        Assert.Contains("stalled", Reason(body, "worker"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/ready", Ct)).StatusCode);

        // The worker comes back (here: the same queue drained in process) and nothing was lost.
        var done = await factory.Services.GetRequiredService<InProcessJobRunner>().RunToCompletionAsync(job!.Id, "rescue", null, Ct);
        Assert.Equal(JobItemState.Succeeded, done.Items.Single().State);
        Assert.Equal(HttpStatusCode.OK, (await HealthAsync(client)).Status);
    }

    [Fact]
    public async Task A_read_only_or_nearly_full_data_directory_is_named()
    {
        var context = new HealthCheckContext { Registration = new HealthCheckRegistration("disk", _ => null!, HealthStatus.Unhealthy, null) };
        var readOnly = new DiskHealthCheck(Options.Create(new EmbeddedStorageOptions { DataDirectory = "/proc/self" }), Options.Create(new HealthOptions()));
        using var temp = new SlmRag.Testing.TempDirectory();
        var full = new DiskHealthCheck(Options.Create(new EmbeddedStorageOptions { DataDirectory = temp.Path }), Options.Create(new HealthOptions { MinFreeDiskMegabytes = int.MaxValue }));

        var a = await readOnly.CheckHealthAsync(context, Ct);
        var b = await full.CheckHealthAsync(context, Ct);

        Assert.Equal(HealthStatus.Unhealthy, a.Status);
        Assert.Contains("cannot be written", a.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Unhealthy, b.Status);
        Assert.Contains("MB are free", b.Description, StringComparison.Ordinal);
    }
}

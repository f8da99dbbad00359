using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using SlmRag.Core.Jobs;
using SlmRag.Testing;

namespace SlmRag.Api.Tests;

/// <summary>The real service (SQLite store in a temporary data directory, hosted worker) behind a test server.</summary>
public sealed class SlmRagApiFactory(IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    private readonly TempDirectory _data = new();

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataDirectory", _data.Path);
        builder.UseSetting("Ingestion:Worker:PollSeconds", "0.1");
        builder.UseSetting("Ingestion:Pdf:TimeoutSeconds", "20");
        builder.UseSetting("Embeddings:Provider", "None");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    public async Task<HttpClient> ClientWithCollectionAsync(string collection)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/v1/collections", new { name = collection }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return client;
    }

    public static async Task<IngestionJob> WaitForJobAsync(HttpClient client, Uri location)
    {
        for (var i = 0; i < 600; i++)
        {
            var job = await client.GetFromJsonAsync<IngestionJob>(location, Json, TestContext.Current.CancellationToken);
            if (job!.State == JobState.Completed)
            {
                return job;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"Job {location} did not complete.");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}

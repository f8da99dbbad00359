using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Jobs;
using SlmRag.Testing;

namespace SlmRag.Api.Tests;

/// <summary>The real service (SQLite store in a temporary data directory, hosted worker) behind a test server.</summary>
/// <param name="services">Adds to the service's registrations, e.g. an in-memory telemetry exporter.</param>
public sealed class SlmRagApiFactory(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    private readonly TempDirectory _data = new();

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataDirectory", _data.Path);
        builder.UseSetting("Ingestion:Worker:PollSeconds", "0.1");
        builder.UseSetting("Ingestion:Pdf:TimeoutSeconds", "20");
        builder.UseSetting("Embeddings:Provider", "None");
        // Tests poll jobs quickly from one address; the rate-limit test sets its own per-key limit.
        builder.UseSetting("Auth:RequestsPerMinute", "0");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }

    /// <summary>Settings for API keys: each (name, key, scopes, collections, groups) becomes Auth:Keys:N with the key's hash.</summary>
    public static Dictionary<string, string?> Keys(params (string Name, string Key, string[] Scopes, string[] Collections, string[] Groups)[] keys)
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < keys.Length; i++)
        {
            var (name, key, scopes, collections, groups) = keys[i];
            settings[$"Auth:Keys:{i}:Name"] = name;
            settings[$"Auth:Keys:{i}:Hash"] = SlmRag.Api.Security.ApiKeyHasher.Hash(key);
            for (var j = 0; j < scopes.Length; j++)
            {
                settings[$"Auth:Keys:{i}:Scopes:{j}"] = scopes[j];
            }

            for (var j = 0; j < collections.Length; j++)
            {
                settings[$"Auth:Keys:{i}:Collections:{j}"] = collections[j];
            }

            for (var j = 0; j < groups.Length; j++)
            {
                settings[$"Auth:Keys:{i}:Groups:{j}"] = groups[j];
            }
        }

        return settings;
    }

    public HttpClient CreateClient(string? key)
    {
        var client = CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public async Task<HttpClient> ClientWithCollectionAsync(string collection, string? key = null)
    {
        var client = CreateClient(key);
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

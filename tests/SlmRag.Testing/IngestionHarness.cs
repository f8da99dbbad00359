using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SlmRag.Core.Collections;
using SlmRag.Core.Documents;
using SlmRag.Core.Jobs;
using SlmRag.Core.Storage;
using SlmRag.Ingestion;
using SlmRag.Ingestion.Uploads;
using SlmRag.Ingestion.Worker;
using SlmRag.Storage.Embedded;

namespace SlmRag.Testing;

/// <summary>
/// The real store and pipeline over a temporary data directory, driven in-process: files are staged
/// and submitted as a job, and the processor runs until the job completes.
/// </summary>
public sealed class IngestionHarness : IDisposable
{
    private readonly TempDirectory _directory;
    private readonly ServiceProvider _services;

    /// <param name="configure">Adds more components, with the harness's configuration (data directory and settings).</param>
    public IngestionHarness(IDictionary<string, string?>? settings = null, Action<IServiceCollection, IConfiguration>? configure = null, string? dataDirectory = null)
    {
        _directory = new TempDirectory();
        DataDirectory = dataDirectory ?? _directory.Path;
        var values = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = DataDirectory,
            ["Ingestion:Pdf:TimeoutSeconds"] = "20",
            ["Ingestion:Worker:RetryDelaySeconds"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddEmbeddedStorage(configuration);
        services.AddIngestion(configuration);
        configure?.Invoke(services, configuration);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        _ = _services.GetRequiredService<IOptions<IngestionOptions>>().Value;
    }

    public string DataDirectory { get; }

    public IServiceProvider Services => _services;

    public ICatalogStore Catalog => _services.GetRequiredService<ICatalogStore>();

    public IJobStore Jobs => _services.GetRequiredService<IJobStore>();

    public async Task CreateCollectionAsync(string name)
    {
        await Catalog.CreateCollectionAsync(new Collection(name, null, false, null, DateTimeOffset.UtcNow), CancellationToken.None);
    }

    /// <param name="uploader">Whose upload it is (as the API records it); null for the local operator, who may replace every document of a key.</param>
    public async Task<IngestionJob> SubmitAsync(string collection, IEnumerable<(string Path, string? Key)> files, DocumentMetadata? metadata = null, string? password = null, UploaderAccess? uploader = null)
    {
        var stager = _services.GetRequiredService<UploadStager>();
        var items = new List<NewJobItem>();
        foreach (var (path, key) in files)
        {
            await using var stream = File.OpenRead(path);
            items.Add(await stager.StageAsync(Path.GetFileName(path), key, stream, metadata ?? DocumentMetadata.Empty, password, CancellationToken.None) with { Uploader = uploader });
        }

        return await _services.GetRequiredService<JobSubmitter>().SubmitAsync(collection, items, CancellationToken.None);
    }

    /// <summary>Creates the collection if needed, ingests the files (keys default to file names) and returns the finished job.</summary>
    public async Task<IngestionJob> IngestAsync(string collection, IEnumerable<string> paths, DocumentMetadata? metadata = null, string? password = null)
    {
        await CreateCollectionAsync(collection);
        var job = await SubmitAsync(collection, paths.Select(p => (p, (string?)null)), metadata, password);
        return await DrainAsync(job.Id);
    }

    /// <summary>Ingests every file under <paramref name="root"/>, keyed by its path relative to it (as <c>slmrag ingest</c> keys them), and returns the finished job.</summary>
    public async Task<IngestionJob> IngestFolderAsync(string collection, string root)
    {
        await CreateCollectionAsync(collection);
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => (f, (string?)Path.GetRelativePath(root, f).Replace('\\', '/')));
        return await DrainAsync((await SubmitAsync(collection, files)).Id);
    }

    /// <summary>Ingests texts as plain-text documents with the given keys (test collections) and returns the finished job.</summary>
    public async Task<IngestionJob> IngestTextsAsync(string collection, IEnumerable<(string Key, string Text)> texts)
    {
        await CreateCollectionAsync(collection);
        var stager = _services.GetRequiredService<UploadStager>();
        var items = new List<NewJobItem>();
        foreach (var (key, text) in texts)
        {
            await using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
            items.Add(await stager.StageAsync("document.txt", key, stream, DocumentMetadata.Empty, null, CancellationToken.None));
        }

        return await DrainAsync((await _services.GetRequiredService<JobSubmitter>().SubmitAsync(collection, items, CancellationToken.None)).Id);
    }

    public async Task<IngestionJob> DrainAsync(string jobId, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(5));
        return await _services.GetRequiredService<InProcessJobRunner>().RunToCompletionAsync(jobId, "test-worker", null, deadline.Token);
    }

    public void Dispose()
    {
        _services.Dispose();
        _directory.Dispose();
    }
}

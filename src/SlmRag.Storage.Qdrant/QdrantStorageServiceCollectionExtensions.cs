using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SlmRag.Core.Retrieval;

namespace SlmRag.Storage.Qdrant;

public static class QdrantStorageServiceCollectionExtensions
{
    /// <summary>The Qdrant search index and writer (<c>Storage:Qdrant</c>), replacing the embedded search index.</summary>
    public static IServiceCollection AddQdrantSearch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QdrantOptions>().Bind(configuration.GetSection("Storage:Qdrant"))
            .Validate(o => Uri.TryCreate(o.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https", "Storage:Qdrant:Url must be the REST endpoint, e.g. http://qdrant:6333.")
            .Validate(o => o.TimeoutSeconds > 0 && o.MaxRetries >= 0 && o.BatchSize is >= 1 and <= 10_000, "Storage:Qdrant: TimeoutSeconds must be positive, MaxRetries 0 or more, BatchSize 1-10000.")
            .Validate(o => o.CollectionPrefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'), "Storage:Qdrant:CollectionPrefix may hold letters, digits, '_' and '-'.")
            .ValidateOnStart();
        // One long-lived client; connections are recycled so DNS changes of a cluster are seen.
        services.AddSingleton(sp => new QdrantHttp(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }),
            sp.GetRequiredService<IOptions<QdrantOptions>>().Value));
        services.AddSingleton<QdrantSearchIndex>();
        services.Replace(ServiceDescriptor.Singleton<ISearchIndex>(sp => sp.GetRequiredService<QdrantSearchIndex>()));
        services.TryAddSingleton<ISearchIndexWriter, QdrantIndexWriter>();
        return services;
    }

    /// <summary>
    /// <c>Storage:Provider = Qdrant</c> on a node with the catalog: Qdrant serves searches, and a background
    /// synchronizer (unless <c>Storage:Qdrant:Synchronize</c> is false) replays the catalog's changes into it.
    /// </summary>
    public static IServiceCollection AddQdrantStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddQdrantSearch(configuration);
        var role = configuration["Storage:Qdrant:Role"] ?? "Ingestion";
        if (role.Equals("Query", StringComparison.OrdinalIgnoreCase))
        {
            // A query replica: catalog reads from Qdrant, nothing to synchronize.
            services.Replace(ServiceDescriptor.Singleton<SlmRag.Core.Storage.ICatalogStore, QdrantCatalogReader>());
            return services;
        }

        if (!role.Equals("Ingestion", StringComparison.OrdinalIgnoreCase))
        {
            throw new SlmRag.Core.Storage.StorageConfigurationException($"Storage:Qdrant:Role is '{role}'; it must be Ingestion (the node with the catalog and the worker) or Query (a replica reading Qdrant only).");
        }

        if (configuration.GetValue("Storage:Qdrant:Synchronize", true))
        {
            var checkpoint = Path.Combine(Path.GetFullPath(configuration["Storage:DataDirectory"] ?? "data"), "qdrant-sync.checkpoint");
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<QdrantIndexSynchronizer>(sp, checkpoint));
            services.AddHostedService(sp => sp.GetRequiredService<QdrantIndexSynchronizer>());
        }

        return services;
    }
}

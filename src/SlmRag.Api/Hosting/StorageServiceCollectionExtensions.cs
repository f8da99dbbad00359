using SlmRag.Core.Storage;
using SlmRag.Storage.Embedded;
using SlmRag.Storage.Qdrant;

namespace SlmRag.Api.Hosting;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// <c>Storage:Provider</c>: <c>Embedded</c> (SQLite and in-process indexes) or <c>Qdrant</c> (the same
    /// catalog, jobs and uploads on this node; vectors, lexical terms and citation payloads in Qdrant).
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration, bool warmUp = false)
    {
        services.AddEmbeddedStorage(configuration);
        var provider = configuration["Storage:Provider"] ?? "Embedded";
        if (provider.Equals("Qdrant", StringComparison.OrdinalIgnoreCase))
        {
            services.AddQdrantStorage(configuration);
        }
        else if (!provider.Equals("Embedded", StringComparison.OrdinalIgnoreCase))
        {
            throw new StorageConfigurationException($"Storage:Provider is '{provider}'; it must be Embedded or Qdrant.");
        }
        else if (warmUp)
        {
            services.AddSearchIndexWarmUp();
        }

        return services;
    }
}

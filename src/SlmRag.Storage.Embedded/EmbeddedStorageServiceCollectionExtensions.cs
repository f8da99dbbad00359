using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SlmRag.Core.Retrieval;
using SlmRag.Core.Storage;
using SlmRag.Storage.Embedded.Search;
using SlmRag.Storage.Embedded.Blobs;
using SlmRag.Storage.Embedded.Sqlite;

namespace SlmRag.Storage.Embedded;

public static class EmbeddedStorageServiceCollectionExtensions
{
    /// <summary>Registers the embedded store: catalog, job queue and blobs under <c>Storage:DataDirectory</c>.</summary>
    public static IServiceCollection AddEmbeddedStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmbeddedStorageOptions>()
            .Bind(configuration.GetSection(EmbeddedStorageOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<IOptions<EmbeddedStorageOptions>>().Value.DatabasePath));
        services.AddSingleton<ICatalogStore, SqliteCatalogStore>();
        services.AddSingleton<IJobStore, SqliteJobStore>();
        services.AddSingleton<SlmRag.Core.Conversations.IConversationStore, SqliteConversationStore>();
        services.AddHostedService<SqliteSchemaInitializer>();
        services.AddOptions<Bm25Options>().Bind(configuration.GetSection("Retrieval:Bm25"))
            .Validate(o => o.K1 >= 0 && o.B is >= 0 and <= 1 && o.TitleWeight >= 0, "Retrieval:Bm25 needs K1 >= 0, B between 0 and 1 and TitleWeight >= 0.")
            .ValidateOnStart();
        services.AddSingleton<ISearchIndex, EmbeddedSearchIndex>();
        services.AddSingleton<IIndexChangeFeed, SqliteIndexChangeFeed>();
        services.AddSingleton<IBlobStore>(sp => new FileBlobStore(sp.GetRequiredService<IOptions<EmbeddedStorageOptions>>().Value.BlobDirectory));
        return services;
    }

    /// <summary>Loads all collections' search indexes in the background at start (for the long-running service, not one-shot commands).</summary>
    public static IServiceCollection AddSearchIndexWarmUp(this IServiceCollection services) =>
        services.AddHostedService<SearchIndexWarmUp>();
}

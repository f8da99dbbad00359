using SlmRag.Core.Storage;

namespace SlmRag.Api.Tests.Apis;

public sealed class StorageProviderTests
{
    [Fact]
    public void An_unknown_storage_provider_stops_the_service_naming_the_setting()
    {
        using var factory = new SlmRagApiFactory(new Dictionary<string, string?> { ["Storage:Provider"] = "Cassandra" });
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        var configuration = error as StorageConfigurationException ?? error.InnerException as StorageConfigurationException;
        Assert.NotNull(configuration);
        Assert.Contains("Storage:Provider", configuration.Message);
    }

    [Fact]
    public void A_qdrant_url_that_is_not_a_url_stops_the_service()
    {
        using var factory = new SlmRagApiFactory(new Dictionary<string, string?> { ["Storage:Provider"] = "Qdrant", ["Storage:Qdrant:Url"] = "qdrant" });
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Storage:Qdrant:Url", error.ToString());
    }
}

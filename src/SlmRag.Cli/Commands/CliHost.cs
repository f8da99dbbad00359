using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SlmRag.Api.Hosting;
using SlmRag.Evaluation;

namespace SlmRag.Cli.Commands;

/// <summary>
/// A host with the store and the ingestion pipeline, configured like the service (appsettings.json,
/// environment, then command-line overrides). Started so options are validated before any work.
/// </summary>
internal static class CliHost
{
    public static async Task<IHost> StartAsync(Dictionary<string, string?> overrides, bool runWorker, CancellationToken cancellationToken, LogLevel minimumLevel = LogLevel.Warning) =>
        await StartAsync(overrides, runWorker, catalogOnly: false, cancellationToken, minimumLevel);

    /// <summary>
    /// The store alone (catalog, jobs, blobs), for commands that only read it: loading the embedding model
    /// and the answer pipeline took most of their start-up.
    /// </summary>
    public static Task<IHost> StartCatalogAsync(Dictionary<string, string?> overrides, CancellationToken cancellationToken) =>
        StartAsync(overrides, runWorker: false, catalogOnly: true, cancellationToken, LogLevel.Warning);

    private static async Task<IHost> StartAsync(Dictionary<string, string?> overrides, bool runWorker, bool catalogOnly, CancellationToken cancellationToken, LogLevel minimumLevel)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = ContentRootLocator.Find(), Args = [] });
        overrides["Ingestion:Worker:Enabled"] = runWorker ? "true" : "false";
        // Configuration filters win over SetMinimumLevel; keep interactive commands' output to their tables.
        overrides["Logging:LogLevel:Default"] = minimumLevel.ToString();
        overrides["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = minimumLevel.ToString();
        // Start-up failures are reported by CliErrors as one message, not as a logged stack trace.
        overrides["Logging:LogLevel:Microsoft.Extensions.Hosting"] = "None";
        builder.Configuration.AddInMemoryCollection(overrides);
        if (catalogOnly)
        {
            // Every section is still validated (a wrong setting is reported by any command), without building the components.
            ValidateAllOptions(builder.Configuration);
            builder.Services.AddStorage(builder.Configuration);
        }
        else
        {
            builder.Services.AddSlmRagComponents(builder.Configuration);
            builder.Services.AddEvaluation();
        }

        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    private static void ValidateAllOptions(IConfiguration configuration)
    {
        var all = new ServiceCollection().AddLogging().AddSingleton(configuration);
        all.AddSlmRagComponents(configuration);
        using var provider = all.BuildServiceProvider();
        provider.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
    }
}

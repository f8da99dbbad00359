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
    public static async Task<IHost> StartAsync(Dictionary<string, string?> overrides, bool runWorker, CancellationToken cancellationToken, LogLevel minimumLevel = LogLevel.Warning)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = ContentRootLocator.Find(), Args = [] });
        overrides["Ingestion:Worker:Enabled"] = runWorker ? "true" : "false";
        // Configuration filters win over SetMinimumLevel; keep interactive commands' output to their tables.
        overrides["Logging:LogLevel:Default"] = minimumLevel.ToString();
        overrides["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = minimumLevel.ToString();
        // Start-up failures are reported by CliErrors as one message, not as a logged stack trace.
        overrides["Logging:LogLevel:Microsoft.Extensions.Hosting"] = "None";
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.Services.AddSlmRagComponents(builder.Configuration);
        builder.Services.AddEvaluation();
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }
}

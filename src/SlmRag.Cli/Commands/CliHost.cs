using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SlmRag.Api.Hosting;
using SlmRag.Answers;
using SlmRag.Frontier;
using SlmRag.Core.Retrieval;
using SlmRag.Embeddings;
using SlmRag.Evaluation;
using SlmRag.Ingestion;
using SlmRag.LlamaCpp;
using SlmRag.Storage.Embedded;

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
        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddEmbeddings(builder.Configuration);
        builder.Services.AddIngestion(builder.Configuration);
        builder.Services.AddLlamaCpp(builder.Configuration);
        builder.Services.AddRetrieval(builder.Configuration);
        builder.Services.AddAnswers(builder.Configuration);
        builder.Services.AddFrontier(builder.Configuration);
        builder.Services.AddEvaluation();
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }
}

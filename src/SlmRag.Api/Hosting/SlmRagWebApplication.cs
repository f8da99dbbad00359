using System.Text.Json.Serialization;
using SlmRag.Api.Apis;
using SlmRag.Core.Retrieval;
using SlmRag.Embeddings;
using SlmRag.Ingestion;
using SlmRag.LlamaCpp;
using SlmRag.Storage.Embedded;

namespace SlmRag.Api.Hosting;

/// <summary>Builds the web service; used by Program.cs and by <c>slmrag serve</c>.</summary>
public static class SlmRagWebApplication
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRootLocator.Find() });
        builder.AddSlmRagServices();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapSlmRagApis();
        return app;
    }

    /// <summary>Registers every component of the service from configuration.</summary>
    public static WebApplicationBuilder AddSlmRagServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddEmbeddedStorage(builder.Configuration).AddSearchIndexWarmUp();
        builder.Services.AddEmbeddings(builder.Configuration);
        builder.Services.AddIngestion(builder.Configuration);
        builder.Services.AddLlamaCpp(builder.Configuration);
        builder.Services.AddRetrieval(builder.Configuration);
        builder.Services.AddSingleton<UploadReader>();
        var maxRequest = builder.Configuration.GetValue<long?>("Ingestion:MaxRequestBytes") ?? new IngestionOptions().MaxRequestBytes;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxRequest);
        return builder;
    }

    public static WebApplication MapSlmRagApis(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapHealthApi();
        app.MapCollectionsApi();
        app.MapDocumentsApi();
        app.MapJobsApi();
        app.MapSearchApi();
        return app;
    }
}

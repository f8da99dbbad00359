using System.Text.Json.Serialization;
using SlmRag.Answers;
using SlmRag.Frontier;
using SlmRag.Api.Apis;
using SlmRag.Api.Health;
using SlmRag.Api.OpenApi;
using SlmRag.Api.Mcp;
using SlmRag.Api.Security;
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
        builder.Services.AddExceptionHandler<ReadOnlyReplicaExceptionHandler>();
        builder.Services.AddExceptionHandler<RequestFaultExceptionHandler>();
        builder.Services.AddSlmRagOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddSlmRagComponents(builder.Configuration, warmUpSearch: true);
        builder.Services.AddSlmRagSecurity(builder.Configuration);
        builder.Services.AddSlmRagHealth(builder.Configuration);
        builder.Services.AddSingleton<UploadReader>();
        builder.Services.AddSingleton<SlmRag.Api.Viewer.CitationLinks>();
        builder.Services.AddSlmRagMcp();
        builder.Services.AddSlmRagTelemetry(builder.Configuration);
        var maxRequest = builder.Configuration.GetValue<long?>("Ingestion:MaxRequestBytes") ?? new IngestionOptions().MaxRequestBytes;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxRequest);
        return builder;
    }

    public static WebApplication MapSlmRagApis(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCors();
        app.UseAuthentication();
        // Before authorization, so requests that end in 401 are counted too.
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        WarnWhenOpen(app);
        app.MapOpenApi();
        app.MapApiReference();
        app.MapHealthApi();
        app.MapCollectionsApi();
        app.MapDocumentsApi();
        app.MapJobsApi();
        app.MapSearchApi();
        app.MapAskApi();
        app.MapChatCompletionsApi();
        app.MapViewerApi();
        app.MapWidgetApi();
        app.MapRouterApi();
        app.MapMcpApi();
        return app;
    }

    private static void WarnWhenOpen(WebApplication app)
    {
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApiKeyOptions>>().Value.Open)
        {
            app.Logger.LogWarning("No API keys are configured (Auth:Keys): every caller is anonymous with all scopes and sees only documents without access lists. Create keys with 'slmrag keys create' before exposing the service beyond this machine.");
        }
    }
}

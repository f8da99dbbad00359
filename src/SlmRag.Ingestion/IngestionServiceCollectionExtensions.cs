using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SlmRag.Core.Chunking;
using SlmRag.Core.Extraction;
using SlmRag.Ingestion.Chunking;
using SlmRag.Ingestion.Detection;
using SlmRag.Ingestion.Extraction;
using SlmRag.Ingestion.Pipeline;
using SlmRag.Ingestion.Sandbox;
using SlmRag.Ingestion.Uploads;
using SlmRag.Ingestion.Worker;

namespace SlmRag.Ingestion;

public static class IngestionServiceCollectionExtensions
{
    /// <summary>
    /// Registers extraction, chunking, the pipeline, upload staging and the worker (hosted when
    /// <c>Ingestion:Worker:Enabled</c>). Needs a store (catalog, jobs, blobs) registered too.
    /// </summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IngestionOptions>().Bind(configuration.GetSection(IngestionOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IngestionOptions>, IngestionOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITokenCounter, EstimatingTokenCounter>();
        services.AddSingleton<IChunker, StructuredChunker>();
        services.AddSingleton<FormatDetector>();
        services.AddSingleton<ExtractorProcessPool>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<IngestionOptions>>().Value.Sandbox.Enabled
            ? new ExtractorRegistry(sp.GetServices<IDocumentExtractor>(), sp.GetRequiredService<ExtractorProcessPool>())
            : new ExtractorRegistry(sp.GetServices<IDocumentExtractor>()));
        AddExtractors(services);
        services.AddSingleton(sp => new DocumentIngestionPipeline(
            sp.GetRequiredService<Core.Storage.ICatalogStore>(), sp.GetRequiredService<Core.Storage.IBlobStore>(), sp.GetRequiredService<IChunker>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<FormatDetector>(), sp.GetRequiredService<ExtractorRegistry>(),
            sp.GetService<Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>>>()));
        services.AddSingleton<UploadStager>();
        services.AddSingleton<WorkSignal>();
        services.AddSingleton<JobSubmitter>();
        services.AddSingleton<JobItemProcessor>();
        services.AddSingleton<InProcessJobRunner>();
        services.AddSingleton<OrphanBlobSweeper>();
        services.AddSingleton<IngestionWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<IngestionWorker>());
        return services;
    }

    /// <summary>The in-process extractors (the child builds the same list with <see cref="InProcessExtractors"/>).</summary>
    private static void AddExtractors(IServiceCollection services)
    {
        services.TryAddSingleton<ExtractionLimits>();
        services.AddSingleton<IDocumentExtractor, PlainTextExtractor>();
        services.AddSingleton<IDocumentExtractor, MarkdownExtractor>();
        services.AddSingleton<IDocumentExtractor, HtmlExtractor>();
        services.AddSingleton<IDocumentExtractor, DocxExtractor>();
        services.AddSingleton<IDocumentExtractor, PptxExtractor>();
        services.AddSingleton<IDocumentExtractor, XlsxExtractor>();
        services.AddSingleton<IDocumentExtractor, PdfExtractor>();
    }
}

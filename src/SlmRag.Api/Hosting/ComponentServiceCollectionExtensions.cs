using SlmRag.Answers;
using SlmRag.Core.Retrieval;
using SlmRag.Embeddings;
using SlmRag.Frontier;
using SlmRag.Ingestion;
using SlmRag.LlamaCpp;

namespace SlmRag.Api.Hosting;

public static class ComponentServiceCollectionExtensions
{
    /// <summary>Every component of SlmRag from configuration, in dependency order: the one list the web service and the CLI share.</summary>
    public static IServiceCollection AddSlmRagComponents(this IServiceCollection services, IConfiguration configuration, bool warmUpSearch = false) =>
        services
            .AddStorage(configuration, warmUpSearch)
            .AddEmbeddings(configuration)
            .AddIngestion(configuration)
            .AddLlamaCpp(configuration)
            .AddRetrieval(configuration)
            .AddAnswers(configuration)
            .AddFrontier(configuration);
}

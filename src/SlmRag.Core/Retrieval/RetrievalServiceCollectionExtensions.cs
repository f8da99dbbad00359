using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SlmRag.Core.Retrieval;

public static class RetrievalServiceCollectionExtensions
{
    /// <summary>Registers the hybrid retriever and its options (<c>Retrieval</c>). Needs an <see cref="ISearchIndex"/> and a catalog.</summary>
    public static IServiceCollection AddRetrieval(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetrievalOptions>().Bind(configuration.GetSection(RetrievalOptions.SectionName))
            .Validate(o => o.CandidateCount is >= 1 and <= 10_000, "Retrieval:CandidateCount must be between 1 and 10000.")
            .Validate(o => o.RrfK >= 0, "Retrieval:RrfK must not be negative.")
            .Validate(o => o.LexicalWeight is >= 0 and <= 1, "Retrieval:LexicalWeight must be between 0 and 1.")
            .Validate(o => o.DefaultLimit >= 1 && o.MaxLimit >= o.DefaultLimit, "Retrieval:DefaultLimit must be at least 1 and at most Retrieval:MaxLimit.")
            .ValidateOnStart();
        services.AddSingleton<HybridRetriever>();
        return services;
    }
}

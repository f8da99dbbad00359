using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SlmRag.Core.Chunking;
using SlmRag.LlamaCpp.Chat;
using SlmRag.LlamaCpp.Embeddings;

namespace SlmRag.LlamaCpp;

public static class LlamaCppServiceCollectionExtensions
{
    /// <summary>
    /// Registers the local chat model as <see cref="IChatClient"/> (and its tokenizer as the <see cref="ITokenCounter"/>)
    /// when <c>LlamaCpp:Chat:ModelPath</c> is set, and the GGUF embedding model when <c>Embeddings:Provider</c> is <c>LlamaCpp</c>.
    /// Models load on first use; options are checked at start-up.
    /// </summary>
    public static IServiceCollection AddLlamaCpp(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(LlamaCppOptions.SectionName);
        services.AddOptions<LlamaCppOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LlamaCppOptions>>(new LlamaCppOptionsValidator(
            configuration.GetValue<string>("Embeddings:Provider")?.Equals("LlamaCpp", StringComparison.OrdinalIgnoreCase) == true)));

        if (!string.IsNullOrWhiteSpace(section["Chat:ModelPath"]))
        {
            services.AddSingleton(sp =>
            {
                var options = sp.GetRequiredService<IOptions<LlamaCppOptions>>().Value;
                LlamaRuntime.Initialize(options.NativeLibraryPath, sp.GetRequiredService<ILoggerFactory>().CreateLogger("SlmRag.LlamaCpp"));
                return LlamaChatClient.Load(options.Chat, options.NativeLibraryPath);
            });
            services.AddSingleton<IChatClient>(sp => sp.GetRequiredService<LlamaChatClient>());
            // Chunks and prompt budgets count in the answering model's own tokens.
            services.Replace(ServiceDescriptor.Singleton<ITokenCounter>(sp => sp.GetRequiredService<LlamaChatClient>().Tokenizer));
        }

        if (configuration.GetValue<string>("Embeddings:Provider")?.Equals("LlamaCpp", StringComparison.OrdinalIgnoreCase) == true)
        {
            services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
            {
                var options = sp.GetRequiredService<IOptions<LlamaCppOptions>>().Value;
                LlamaRuntime.Initialize(options.NativeLibraryPath, sp.GetRequiredService<ILoggerFactory>().CreateLogger("SlmRag.LlamaCpp"));
                return LlamaEmbeddingGenerator.Load(options.Embeddings, options.NativeLibraryPath);
            });
        }

        return services;
    }
}

using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Chunking;
using SlmRag.Core.Collections;
using SlmRag.Core.Retrieval;
using SlmRag.Core.Storage;

namespace SlmRag.Cli.Commands;

/// <summary>Re-embeds a collection's chunks with the configured embedding model (<c>slmrag reindex</c>, and <c>serve --ingest</c> after a model change).</summary>
internal static class CollectionReembedding
{
    /// <summary>The configured embedding generator and its fingerprint, or null when no model is configured.</summary>
    public static (IEmbeddingGenerator<string, Embedding<float>> Generator, EmbeddingModelFingerprint Model)? Configured(IServiceProvider services) =>
        services.GetService<IEmbeddingGenerator<string, Embedding<float>>>() is { } generator
            ? (generator, generator.GetService<EmbeddingModelFingerprint>()!)
            : null;

    public static Task<int> RunAsync(IServiceProvider services, string collection, IEmbeddingGenerator<string, Embedding<float>> generator,
        EmbeddingModelFingerprint model, IProgress<int>? progress, CancellationToken cancellationToken) =>
        services.GetRequiredService<ICatalogStore>().ReembedCollectionAsync(collection, model, async (chunks, ct) =>
        {
            var generated = await generator.GenerateAsync(chunks.Select(EmbeddingText), cancellationToken: ct);
            return generated.Select(e => (ReadOnlyMemory<float>)VectorMath.Normalize(e.Vector)).ToList();
        }, progress, cancellationToken);

    private static string EmbeddingText(Chunk chunk) => Ingestion.Pipeline.DocumentIngestionPipeline.EmbeddingText(chunk);
}

using Microsoft.Extensions.AI;
using SlmRag.Core.Collections;

namespace SlmRag.Embeddings;

/// <summary>What SlmRag's embedding generators answer to GetService: their fingerprint, their metadata, themselves.</summary>
internal static class GeneratorServices
{
    public static object? Resolve(object generator, Type serviceType, object? serviceKey, EmbeddingModelFingerprint fingerprint, EmbeddingGeneratorMetadata metadata) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingModelFingerprint) ? fingerprint
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? metadata
        : serviceType.IsInstanceOfType(generator) ? generator
        : null;
}

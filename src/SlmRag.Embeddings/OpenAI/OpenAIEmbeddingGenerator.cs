using System.ClientModel;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Embeddings;
using EmbeddingGenerationOptions = Microsoft.Extensions.AI.EmbeddingGenerationOptions;
using SlmRag.Core.Collections;

namespace SlmRag.Embeddings.OpenAI;

/// <summary>
/// Embeddings from an OpenAI-compatible endpoint: the OpenAI library's client as an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>
/// (Microsoft.Extensions.AI.OpenAI's <c>AsIEmbeddingGenerator</c>; the library retries 429 and 5xx with backoff), sent in
/// batches of <see cref="OpenAIEmbeddingOptions.BatchSize"/>. Refuses vectors of an unexpected size, so a changed
/// server-side model cannot silently mix into a collection, and states its <see cref="EmbeddingModelFingerprint"/>. Thread-safe.
/// </summary>
public sealed class OpenAIEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    private readonly OpenAIEmbeddingOptions _options;
    private readonly EmbeddingModelFingerprint _fingerprint;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public OpenAIEmbeddingGenerator(OpenAIEmbeddingOptions options)
        : base(new EmbeddingClient(options.Model!, new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "unused" : options.ApiKey),
            new OpenAIClientOptions { Endpoint = new Uri(options.Endpoint!), NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds) })
            .AsIEmbeddingGenerator(options.Dimensions))
    {
        _options = options;
        var endpoint = new Uri(options.Endpoint!);
        var identity = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{endpoint.AbsoluteUri.TrimEnd('/')}\n{options.Model}\n{options.Dimensions}")))[..16];
        _fingerprint = new EmbeddingModelFingerprint($"openai:{options.Model}", options.Dimensions, identity);
        _metadata = new EmbeddingGeneratorMetadata("openai-compatible", endpoint, options.Model, options.Dimensions);
    }

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        var request = options?.Clone() ?? new EmbeddingGenerationOptions();
        // Only models with an adjustable output size accept "dimensions"; the others reject it.
        request.Dimensions = _options.RequestDimensions ? _options.Dimensions : null;
        foreach (var batch in values.Chunk(_options.BatchSize))
        {
            foreach (var embedding in await base.GenerateAsync(batch, request, cancellationToken).ConfigureAwait(false))
            {
                if (embedding.Vector.Length != _options.Dimensions)
                {
                    throw new InvalidOperationException(
                        $"The endpoint returned {embedding.Vector.Length}-dimensional vectors; Embeddings:OpenAI:Dimensions says {_options.Dimensions}.");
                }

                embedding.ModelId ??= _options.Model;
                result.Add(embedding);
            }
        }

        return result;
    }

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        GeneratorServices.Resolve(this, serviceType, serviceKey, _fingerprint, _metadata) ?? base.GetService(serviceType, serviceKey);
}

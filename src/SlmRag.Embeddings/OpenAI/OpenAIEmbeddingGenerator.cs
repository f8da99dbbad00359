using System.ClientModel;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Embeddings;
using SlmRag.Core.Collections;
using MeaiOptions = Microsoft.Extensions.AI.EmbeddingGenerationOptions;
using OpenAIOptions = OpenAI.Embeddings.EmbeddingGenerationOptions;

namespace SlmRag.Embeddings.OpenAI;

/// <summary>
/// Embeddings from an OpenAI-compatible endpoint through the official OpenAI library, which retries
/// 429 and 5xx responses with backoff. Refuses vectors of an unexpected size, so a changed server-side
/// model cannot silently mix into a collection. Thread-safe.
/// </summary>
public sealed class OpenAIEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingClient _client;
    private readonly OpenAIEmbeddingOptions _options;
    private readonly EmbeddingModelFingerprint _fingerprint;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public OpenAIEmbeddingGenerator(OpenAIEmbeddingOptions options)
    {
        _options = options;
        var endpoint = new Uri(options.Endpoint!);
        _client = new EmbeddingClient(options.Model!, new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "unused" : options.ApiKey),
            new OpenAIClientOptions { Endpoint = endpoint, NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds) });
        var identity = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{endpoint.AbsoluteUri.TrimEnd('/')}\n{options.Model}\n{options.Dimensions}")))[..16];
        _fingerprint = new EmbeddingModelFingerprint($"openai:{options.Model}", options.Dimensions, identity);
        _metadata = new EmbeddingGeneratorMetadata("openai-compatible", endpoint, options.Model, options.Dimensions);
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, MeaiOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        var request = new OpenAIOptions();
        if (_options.RequestDimensions)
        {
            request.Dimensions = _options.Dimensions;
        }

        foreach (var batch in values.Chunk(_options.BatchSize))
        {
            var response = await _client.GenerateEmbeddingsAsync(batch, request, cancellationToken);
            foreach (var embedding in response.Value.OrderBy(e => e.Index))
            {
                var vector = embedding.ToFloats();
                if (vector.Length != _options.Dimensions)
                {
                    throw new InvalidOperationException(
                        $"The endpoint returned {vector.Length}-dimensional vectors; Embeddings:OpenAI:Dimensions says {_options.Dimensions}.");
                }

                result.Add(new Embedding<float>(vector) { ModelId = _options.Model });
            }
        }

        return result;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        GeneratorServices.Resolve(this, serviceType, serviceKey, _fingerprint, _metadata);

    public void Dispose()
    {
    }
}

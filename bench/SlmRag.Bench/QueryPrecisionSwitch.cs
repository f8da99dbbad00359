using Microsoft.Extensions.AI;

namespace SlmRag.Bench;

/// <summary>
/// Bench-only: documents embedded by one generator (their fingerprint is the one reported), queries by another once
/// <see cref="Querying"/> is set, to measure int8 queries over float documents (--query-precision) without a product
/// mode for it.
/// </summary>
internal sealed class QueryPrecisionSwitch(IEmbeddingGenerator<string, Embedding<float>> documents, IEmbeddingGenerator<string, Embedding<float>> queries)
    : IEmbeddingGenerator<string, Embedding<float>>, IProgress<string>
{
    public volatile bool Querying;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
        (Querying ? queries : documents).GenerateAsync(values, options, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) => documents.GetService(serviceType, serviceKey);

    /// <summary>The evaluation runner reports "querying: ..." once ingestion is over (synchronously: no Progress&lt;T&gt; posting).</summary>
    public void Report(string value)
    {
        if (value.StartsWith("querying", StringComparison.Ordinal))
        {
            Querying = true;
        }
    }

    public void Dispose()
    {
        documents.Dispose();
        queries.Dispose();
    }
}

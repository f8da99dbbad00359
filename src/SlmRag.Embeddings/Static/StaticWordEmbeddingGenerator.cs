using System.Globalization;
using System.Numerics.Tensors;
using System.Text;
using Microsoft.Extensions.AI;
using SlmRag.Core.Collections;

namespace SlmRag.Embeddings.Static;

/// <summary>
/// Sentence embeddings from static word vectors with SIF (Arora, Liang and Ma, 2017): the weighted
/// mean of the text's word vectors, weight a / (a + p(w)) with p(w) estimated from frequency rank by
/// Zipf's law, minus its projection on the vocabulary's common direction, scaled to unit length.
/// No model download at run time, no GPU, microseconds per chunk. Thread-safe.
/// </summary>
public sealed class StaticWordEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelName = "static-sif";

    private readonly WordVectorTable _table;
    private readonly float[] _weights;
    private readonly EmbeddingModelFingerprint _fingerprint;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public StaticWordEmbeddingGenerator(WordVectorTable table, double smoothing, string name)
    {
        _table = table;
        var harmonic = Math.Log(table.Count) + 0.5772;
        _weights = new float[table.Count];
        for (var rank = 0; rank < table.Count; rank++)
        {
            var probability = 1.0 / ((rank + 1) * harmonic);
            _weights[rank] = (float)(smoothing / (smoothing + probability));
        }

        var hash = string.Create(CultureInfo.InvariantCulture, $"{table.Fingerprint}-a{smoothing:G3}");
        _fingerprint = new EmbeddingModelFingerprint($"{ModelName}:{name}", table.Dimensions, hash);
        _metadata = new EmbeddingGeneratorMetadata("slmrag-static", null, _fingerprint.Name, table.Dimensions);
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result.Add(new Embedding<float>(Embed(value)) { ModelId = _fingerprint.Name });
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        GeneratorServices.Resolve(this, serviceType, serviceKey, _fingerprint, _metadata);

    public void Dispose()
    {
    }

    internal float[] Embed(string text)
    {
        var dimensions = _table.Dimensions;
        var sum = new float[dimensions];
        var row = new float[dimensions];
        var words = 0;
        foreach (var word in Words(text))
        {
            if (!_table.TryGetRank(word, out var rank))
            {
                continue;
            }

            var vector = _table.Vector(rank);
            for (var d = 0; d < dimensions; d++)
            {
                row[d] = (float)vector[d];
            }

            TensorPrimitives.MultiplyAdd(row, _weights[rank], sum, sum);
            words++;
        }

        if (words == 0)
        {
            return sum;
        }

        // Remove the common direction shared by all text, then normalise: cosine = dot product.
        var projection = TensorPrimitives.Dot(sum, _table.CommonComponent);
        TensorPrimitives.MultiplyAdd(_table.CommonComponent, -projection, sum, sum);
        var norm = TensorPrimitives.Norm(sum);
        if (norm > 0)
        {
            TensorPrimitives.Divide(sum, norm, sum);
        }

        return sum;
    }

    /// <summary>Lower-cased runs of letters and digits, with inner apostrophes and hyphens split off, as in the vector vocabulary.</summary>
    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using SlmRag.Core.Retrieval;

namespace SlmRag.Answers;

/// <summary>
/// Embeds a question and a few candidate units in one batched call to the registered sentence embedding model and
/// returns their similarities (<see cref="SemanticMatch"/>). A unit's vector depends on its text alone, so vectors are
/// kept (bounded) and a unit quoted again is not embedded again: chunks that answer many questions are read once.
/// Without a registered model it returns <see cref="SemanticMatch.None"/>. Thread-safe; does not own the generator.
/// </summary>
public sealed class UnitEmbedder(IEmbeddingGenerator<string, Embedding<float>>? generator = null)
{
    private const int MaxCached = 50_000;
    private readonly ConcurrentDictionary<string, float[]> _vectors = new(StringComparer.Ordinal);

    /// <summary>True when a sentence embedding model is registered.</summary>
    public bool Enabled => generator is not null;

    /// <param name="questionVector">The question's unit vector when retrieval already embedded it with the same model: then only
    /// units not seen before are embedded (and nothing at all when every unit was).</param>
    internal async Task<SemanticMatch> MatchAsync(string question, IReadOnlyCollection<AnalyzedSentence> units, CancellationToken cancellationToken,
        ReadOnlyMemory<float>? questionVector = null)
    {
        if (generator is null || units.Count == 0 || question.Trim().Length == 0)
        {
            return SemanticMatch.None;
        }

        var texts = units.Select(u => u.Text).Distinct(StringComparer.Ordinal).ToList();
        var missing = texts.Where(t => !_vectors.ContainsKey(t)).ToList();
        var first = questionVector is null ? 1 : 0;
        GeneratedEmbeddings<Embedding<float>> embedded = first == 0 && missing.Count == 0
            ? []
            : await generator.GenerateAsync(first == 0 ? missing : [question, .. missing], cancellationToken: cancellationToken).ConfigureAwait(false);
        ReadOnlyMemory<float> asked = questionVector ?? VectorMath.Normalize(embedded[0].Vector);
        if (_vectors.Count + missing.Count > MaxCached)
        {
            // Crude but bounded, as the chunk analysis cache: start over rather than grow with every unit ever read.
            _vectors.Clear();
        }

        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var i = 0; i < missing.Count; i++)
        {
            vectors[missing[i]] = _vectors[missing[i]] = VectorMath.Normalize(embedded[i + first].Vector);
        }

        var similarities = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            if (vectors.TryGetValue(text, out var vector) || _vectors.TryGetValue(text, out vector))
            {
                similarities[text] = VectorMath.Dot(asked.Span, vector);
            }
        }

        return new SemanticMatch(similarities);
    }
}

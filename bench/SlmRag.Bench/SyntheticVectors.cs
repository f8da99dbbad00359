using SlmRag.Core.Retrieval;

namespace SlmRag.Bench;

/// <summary>
/// Unit vectors for the vector-index benchmark. "random": isotropic Gaussian, the hardest case for any
/// graph index (every point is nearly equidistant from every other). "clustered": a proxy for sentence
/// embeddings, which are anisotropic and topical: a shared direction (weight 0.3), one of
/// <c>clusters</c> topic centres (0.8) and noise (0.6), giving cosine about 0.65 within a topic and 0.1
/// across, roughly what all-MiniLM-L6-v2 shows on related and unrelated passages.
/// </summary>
internal sealed class SyntheticVectors
{
    private readonly Random _random;
    private readonly int _dimensions;
    private readonly bool _clustered;
    private readonly float[] _shared;
    private readonly float[][] _centres;

    public SyntheticVectors(string kind, int dimensions, int clusters, int seed)
    {
        _clustered = kind switch
        {
            "random" => false,
            "clustered" => true,
            _ => throw new ArgumentException($"Unknown vector data '{kind}': use random or clustered.", nameof(kind)),
        };
        _random = new Random(seed);
        _dimensions = dimensions;
        _shared = Unit();
        _centres = _clustered ? Enumerable.Range(0, clusters).Select(_ => Unit()).ToArray() : [];
    }

    public float[] Next()
    {
        if (!_clustered)
        {
            return Unit();
        }

        var centre = _centres[_random.Next(_centres.Length)];
        var noise = Unit();
        var vector = new float[_dimensions];
        for (var d = 0; d < _dimensions; d++)
        {
            vector[d] = (0.3f * _shared[d]) + (0.8f * centre[d]) + (0.6f * noise[d]);
        }

        return VectorMath.Normalize(vector);
    }

    private float[] Unit()
    {
        var vector = new float[_dimensions];
        for (var d = 0; d < _dimensions; d++)
        {
            vector[d] = (float)Gaussian();
        }

        return VectorMath.Normalize(vector);
    }

    private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}

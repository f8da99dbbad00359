using SlmRag.Core.Text;

namespace SlmRag.Storage.Qdrant;

/// <summary>
/// Lexical matching in Qdrant: a sparse vector of hashed analyzer terms (the same analyzer as the embedded
/// BM25) whose values saturate term frequency the BM25 way; the collection's sparse vector uses Qdrant's
/// IDF modifier, so a query's dot product is a BM25-like score.
/// </summary>
internal static class SparseEncoder
{
    private const double K1 = 1.2;
    private const double B = 0.65;

    /// <summary>Typical chunk length in terms, for length normalisation without collection statistics.</summary>
    private const double AverageLength = 180;

    public static (uint[] Indices, float[] Values) Document(string text, string titleAndSections, double titleWeight)
    {
        var terms = EnglishAnalyzer.Terms(text);
        var weights = new Dictionary<uint, double>();
        foreach (var group in terms.GroupBy(t => t, StringComparer.Ordinal))
        {
            var tf = group.Count();
            weights[Hash(group.Key)] = weights.GetValueOrDefault(Hash(group.Key)) + tf * (K1 + 1) / (tf + K1 * (1 - B + B * terms.Count / AverageLength));
        }

        foreach (var term in EnglishAnalyzer.Terms(titleAndSections).Distinct(StringComparer.Ordinal))
        {
            weights[Hash(term)] = weights.GetValueOrDefault(Hash(term)) + titleWeight;
        }

        return Sorted(weights);
    }

    public static (uint[] Indices, float[] Values) Query(string query)
    {
        var weights = new Dictionary<uint, double>();
        foreach (var term in EnglishAnalyzer.Terms(query))
        {
            weights[Hash(term)] = weights.GetValueOrDefault(Hash(term)) + 1;
        }

        return Sorted(weights);
    }

    /// <summary>FNV-1a over the term's UTF-16 code units: stable across processes and versions.</summary>
    public static uint Hash(string term)
    {
        var hash = 2166136261u;
        foreach (var c in term)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    private static (uint[], float[]) Sorted(Dictionary<uint, double> weights)
    {
        var ordered = weights.OrderBy(p => p.Key).ToList();
        return (ordered.Select(p => p.Key).ToArray(), ordered.Select(p => (float)p.Value).ToArray());
    }
}

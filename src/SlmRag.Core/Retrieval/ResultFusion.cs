namespace SlmRag.Core.Retrieval;

/// <summary>Fuses a lexical and a dense ranked list into one. Pure and thread-safe.</summary>
public static class ResultFusion
{
    public static List<RetrievedChunk> Fuse(IReadOnlyList<ScoredChunk> lexical, IReadOnlyList<ScoredChunk> dense, RetrievalOptions options, int limit)
    {
        var hits = new Dictionary<string, (string Document, RetrieverEvidence? Lexical, RetrieverEvidence? Dense)>(StringComparer.Ordinal);
        foreach (var hit in lexical)
        {
            hits[hit.ChunkId] = (hit.DocumentId, new RetrieverEvidence(hit.Rank, hit.Score), null);
        }

        foreach (var hit in dense)
        {
            var existing = hits.GetValueOrDefault(hit.ChunkId, (hit.DocumentId, null, null));
            hits[hit.ChunkId] = (hit.DocumentId, existing.Lexical, new RetrieverEvidence(hit.Rank, hit.Score));
        }

        var lexicalWeight = options.LexicalWeight;
        var denseWeight = 1 - options.LexicalWeight;
        Func<RetrieverEvidence?, RetrieverEvidence?, double> score = options.Fusion switch
        {
            FusionMethod.ReciprocalRank => (l, d) =>
                (l is null ? 0 : lexicalWeight / (options.RrfK + l.Rank)) + (d is null ? 0 : denseWeight / (options.RrfK + d.Rank)),
            FusionMethod.WeightedScore => Weighted(lexical, dense, lexicalWeight, denseWeight),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Fusion, "Unknown fusion method."),
        };

        return hits
            .Select(h => new RetrievedChunk(h.Key, h.Value.Document, score(h.Value.Lexical, h.Value.Dense), h.Value.Lexical, h.Value.Dense))
            .OrderByDescending(h => h.Score)
            .ThenBy(h => Math.Min(h.Lexical?.Rank ?? int.MaxValue, h.Dense?.Rank ?? int.MaxValue))
            .ThenBy(h => h.ChunkId, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
    }

    private static Func<RetrieverEvidence?, RetrieverEvidence?, double> Weighted(IReadOnlyList<ScoredChunk> lexical, IReadOnlyList<ScoredChunk> dense, double lexicalWeight, double denseWeight)
    {
        var (lexicalMin, lexicalRange) = Range(lexical);
        var (denseMin, denseRange) = Range(dense);
        return (l, d) =>
            (l is null ? 0 : lexicalWeight * ((l.Score - lexicalMin) / lexicalRange))
            + (d is null ? 0 : denseWeight * ((d.Score - denseMin) / denseRange));
    }

    /// <summary>Min and range of a list's scores; a list of equal scores normalises every hit to 1.</summary>
    private static (double Min, double Range) Range(IReadOnlyList<ScoredChunk> hits)
    {
        if (hits.Count == 0)
        {
            return (0, 1);
        }

        var min = hits.Min(h => h.Score);
        var max = hits.Max(h => h.Score);
        return max > min ? (min, max - min) : (min - 1, 1);
    }
}

namespace SlmRag.Core.Retrieval;

/// <summary>Fuses a lexical and a dense ranked list into one. Pure and thread-safe.</summary>
public static class ResultFusion
{
    public static List<RetrievedChunk> Fuse(IReadOnlyList<ScoredChunk> lexical, IReadOnlyList<ScoredChunk> dense, RetrievalOptions options, int limit)
    {
        // Every query pays for this over up to two candidate lists of a thousand: one slot per distinct chunk in flat
        // arrays, evidence records made only for the hits returned.
        var slotOf = new Dictionary<string, int>(lexical.Count + dense.Count, StringComparer.Ordinal);
        var hits = new Hit[lexical.Count + dense.Count];
        var count = 0;
        for (var i = 0; i < lexical.Count; i++)
        {
            if (slotOf.TryAdd(lexical[i].ChunkId, count))
            {
                hits[count++] = new Hit { Lexical = i, Dense = -1 };
            }
        }

        for (var i = 0; i < dense.Count; i++)
        {
            if (slotOf.TryGetValue(dense[i].ChunkId, out var slot))
            {
                hits[slot].Dense = hits[slot].Dense < 0 ? i : hits[slot].Dense;
            }
            else
            {
                slotOf.Add(dense[i].ChunkId, count);
                hits[count++] = new Hit { Lexical = -1, Dense = i };
            }
        }

        var lexicalWeight = options.LexicalWeight;
        var denseWeight = 1 - options.LexicalWeight;
        var (lexicalMin, lexicalRange) = Range(lexical);
        var (denseMin, denseRange) = Range(dense);
        for (var h = 0; h < count; h++)
        {
            ref var hit = ref hits[h];
            var l = hit.Lexical < 0 ? (ScoredChunk?)null : lexical[hit.Lexical];
            var d = hit.Dense < 0 ? (ScoredChunk?)null : dense[hit.Dense];
            hit.Score = options.Fusion switch
            {
                FusionMethod.ReciprocalRank =>
                    (l is { } lr ? lexicalWeight / (options.RrfK + lr.Rank) : 0) + (d is { } dr ? denseWeight / (options.RrfK + dr.Rank) : 0),
                FusionMethod.WeightedScore =>
                    (l is { } ls ? lexicalWeight * ((ls.Score - lexicalMin) / lexicalRange) : 0) + (d is { } ds ? denseWeight * ((ds.Score - denseMin) / denseRange) : 0),
                _ => throw new ArgumentOutOfRangeException(nameof(options), options.Fusion, "Unknown fusion method."),
            };
            hit.BestRank = Math.Min(l?.Rank ?? int.MaxValue, d?.Rank ?? int.MaxValue);
            hit.ChunkId = l?.ChunkId ?? d!.Value.ChunkId;
        }

        // Best score first; ties go to the hit ranked higher by either retriever, then to the lower chunk id.
        Array.Sort(hits, 0, count, Comparer<Hit>.Create(static (a, b) =>
        {
            var byScore = b.Score.CompareTo(a.Score);
            if (byScore != 0)
            {
                return byScore;
            }

            var byRank = a.BestRank.CompareTo(b.BestRank);
            return byRank != 0 ? byRank : string.CompareOrdinal(a.ChunkId, b.ChunkId);
        }));

        var fused = new List<RetrievedChunk>(Math.Min(limit, count));
        for (var h = 0; h < count && fused.Count < limit; h++)
        {
            var hit = hits[h];
            var l = hit.Lexical < 0 ? (ScoredChunk?)null : lexical[hit.Lexical];
            var d = hit.Dense < 0 ? (ScoredChunk?)null : dense[hit.Dense];
            fused.Add(new RetrievedChunk(hit.ChunkId, l?.DocumentId ?? d!.Value.DocumentId, hit.Score,
                l is { } le ? new RetrieverEvidence(le.Rank, le.Score) : null, d is { } de ? new RetrieverEvidence(de.Rank, de.Score) : null));
        }

        return fused;
    }

    /// <summary>Min and range of a list's scores; a list of equal scores normalises every hit to 1.</summary>
    private static (double Min, double Range) Range(IReadOnlyList<ScoredChunk> hits)
    {
        if (hits.Count == 0)
        {
            return (0, 1);
        }

        var min = double.MaxValue;
        var max = double.MinValue;
        for (var i = 0; i < hits.Count; i++)
        {
            min = Math.Min(min, hits[i].Score);
            max = Math.Max(max, hits[i].Score);
        }

        return max > min ? (min, max - min) : (min - 1, 1);
    }

    /// <summary>A distinct chunk of either list: its position in each (-1 where absent) and its fused score.</summary>
    private struct Hit
    {
        public int Lexical;
        public int Dense;
        public double Score;
        public int BestRank;
        public string ChunkId;
    }
}

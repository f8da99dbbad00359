namespace SlmRag.Core.Retrieval;

/// <summary>
/// A fusion whose lexical list is already in: its chunks have their slots, so the hybrid retriever does this half
/// beside the query embedding and only the dense half is left once the vector search returns. Used once, by one thread.
/// </summary>
public sealed class PendingFusion
{
    private readonly IReadOnlyList<ScoredChunk> _lexical;
    private readonly Dictionary<string, int> _slotOf;
    private readonly Hit[] _hits;
    private readonly int _lexicalCount;
    private bool _completed;

    /// <param name="lexical">The lexical list, best first.</param>
    /// <param name="denseCapacity">How many dense hits may come (room is made for them up front).</param>
    public PendingFusion(IReadOnlyList<ScoredChunk> lexical, int denseCapacity)
    {
        // Every query pays for this over up to two candidate lists of a thousand: one slot per distinct chunk in flat
        // arrays, evidence records made only for the hits returned.
        _lexical = lexical;
        _slotOf = new Dictionary<string, int>(lexical.Count + denseCapacity, StringComparer.Ordinal);
        _hits = new Hit[lexical.Count + denseCapacity];
        var count = 0;
        for (var i = 0; i < lexical.Count; i++)
        {
            if (_slotOf.TryAdd(lexical[i].ChunkId, count))
            {
                _hits[count++] = new Hit { Lexical = i, Dense = -1 };
            }
        }

        _lexicalCount = count;
    }

    /// <summary>The fused list of at most <paramref name="limit"/> hits; may be called once.</summary>
    public List<RetrievedChunk> Fuse(IReadOnlyList<ScoredChunk> dense, RetrievalOptions options, int limit)
    {
        if (_completed)
        {
            throw new InvalidOperationException("This fusion was already completed.");
        }

        _completed = true;
        var lexical = _lexical;
        var slotOf = _slotOf;
        var hits = _hits.Length >= _lexicalCount + dense.Count ? _hits : Grow(_hits, _lexicalCount + dense.Count);
        var count = _lexicalCount;
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
        var method = options.Fusion;
        if (count > 0 && method is not (FusionMethod.ReciprocalRank or FusionMethod.WeightedScore))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Fusion, "Unknown fusion method.");
        }

        for (var h = 0; h < count; h++)
        {
            ref var hit = ref hits[h];
            double score = 0;
            var bestRank = int.MaxValue;
            if (hit.Lexical >= 0)
            {
                var l = lexical[hit.Lexical];
                score = method == FusionMethod.ReciprocalRank ? lexicalWeight / (options.RrfK + l.Rank) : lexicalWeight * ((l.Score - lexicalMin) / lexicalRange);
                bestRank = l.Rank;
                hit.ChunkId = l.ChunkId;
            }

            if (hit.Dense >= 0)
            {
                var d = dense[hit.Dense];
                score += method == FusionMethod.ReciprocalRank ? denseWeight / (options.RrfK + d.Rank) : denseWeight * ((d.Score - denseMin) / denseRange);
                bestRank = Math.Min(bestRank, d.Rank);
                hit.ChunkId ??= d.ChunkId;
            }

            hit.Score = score;
            hit.BestRank = bestRank;
        }

        // Hit orders itself, so the sort calls its comparison directly (a comparer went through a delegate per comparison).
        hits.AsSpan(0, count).Sort();

        var fused = new List<RetrievedChunk>(Math.Min(limit, count));
        for (var h = 0; h < count && fused.Count < limit; h++)
        {
            var hit = hits[h];
            var l = hit.Lexical < 0 ? (ScoredChunk?)null : lexical[hit.Lexical];
            var d = hit.Dense < 0 ? (ScoredChunk?)null : dense[hit.Dense];
            fused.Add(new RetrievedChunk(hit.ChunkId!, l?.DocumentId ?? d!.Value.DocumentId, hit.Score,
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

    private static Hit[] Grow(Hit[] hits, int size)
    {
        var grown = new Hit[size];
        Array.Copy(hits, grown, hits.Length);
        return grown;
    }

    /// <summary>A distinct chunk of either list: its position in each (-1 where absent) and its fused score.</summary>
    /// <remarks>Orders best first: higher score, then the hit ranked higher by either retriever, then the lower chunk id.</remarks>
    private struct Hit : IComparable<Hit>
    {
        public int Lexical;
        public int Dense;
        public double Score;
        public int BestRank;
        public string? ChunkId;

        public readonly int CompareTo(Hit other)
        {
            var byScore = other.Score.CompareTo(Score);
            if (byScore != 0)
            {
                return byScore;
            }

            var byRank = BestRank.CompareTo(other.BestRank);
            return byRank != 0 ? byRank : string.CompareOrdinal(ChunkId, other.ChunkId);
        }
    }
}

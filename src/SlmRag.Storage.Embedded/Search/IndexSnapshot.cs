using System.Buffers;
using System.Numerics.Tensors;
using SlmRag.Core.Retrieval;
using SlmRag.Storage.Embedded.Search.Approximate;

namespace SlmRag.Storage.Embedded.Search;

/// <summary>
/// One published version of a collection's search state. Immutable as far as a reader can tell: it reads
/// only slots below <see cref="SlotCount"/>, and a slot is visible when it was not removed by this version
/// or an earlier one, so a search sees the whole version, never a half-applied refresh. Thread-safe; any
/// number of searches run on it at once, while the writer prepares the next version.
/// </summary>
internal sealed class IndexSnapshot(long version, long appliedSeq, int slotCount, IndexedChunk?[] chunks, long[] removedAt, byte[] flags,
    float[][] vectorPages, int dimensions, Bm25Index bm25, Bm25Stats bm25Stats, HnswView? graph, int liveVectors, VectorSearchSettings settings)
{
    /// <summary>Below this share of accepted vectors a filtered query scans the accepted ones exactly instead of walking the graph.</summary>
    internal const double ExactBelowAcceptedShare = 0.02;

    /// <summary>From this many slots the exact scan is split between the caller and a second thread.</summary>
    internal const int ParallelScanAbove = 8192;

    public long Version => version;

    /// <summary>The last index_log entry this version includes.</summary>
    public long AppliedSeq => appliedSeq;

    public int SlotCount => slotCount;

    public int ChunkCount => bm25Stats.LiveCount;

    public int LiveVectors => liveVectors;

    /// <summary>Whether vector queries go through the graph (the collection is above the threshold and the graph exists).</summary>
    public bool Approximate => graph is not null && liveVectors >= settings.ApproximateAbove;

    public bool Visible(int slot) => slot < slotCount && removedAt[slot] > version;

    public List<ScoredChunk> SearchLexical(IReadOnlyList<string> terms, SearchFilter filter, int limit, Bm25Options options) =>
        ToScored(bm25.Search(terms, bm25Stats, slotCount, Visible, slot => Allowed(slot, filter, filter.Tags.Count > 0), limit, options));

    /// <summary>The <paramref name="limit"/> most similar visible chunks the filter allows: through the graph above the threshold, exactly otherwise.</summary>
    public List<ScoredChunk> SearchVector(ReadOnlySpan<float> query, SearchFilter filter, int limit)
    {
        if (dimensions == 0 || liveVectors == 0)
        {
            return [];
        }

        if (query.Length != dimensions)
        {
            throw new ArgumentException($"The query vector has {query.Length} dimensions; the collection's vectors have {dimensions}.", nameof(query));
        }

        return Approximate ? SearchApproximate(query, filter, limit, settings.EfFor(liveVectors)) : SearchExact(query, filter, limit);
    }

    /// <summary>Exact search: the dot product of the (unit) query with every visible, allowed slot's vector.</summary>
    /// <param name="parallelAbove">From this many slots a second thread scans beside the caller (a parameter for tests).</param>
    public List<ScoredChunk> SearchExact(ReadOnlySpan<float> query, SearchFilter filter, int limit, int parallelAbove = ParallelScanAbove)
    {
        if (limit <= 0)
        {
            return [];
        }

        // Candidates go through a floor (one comparison rejects most slots) into a pooled buffer, and partial selections
        // keep the k best: at k = 1000 over ten thousand slots a heap update per slot cost as much as the dot products.
        var size = RankedSlots.Collector.BufferSize(limit, slotCount);
        var keys = ArrayPool<long>.Shared.Rent(2 * size);
        try
        {
            var ranges = new ExactScanRanges(slotCount);
            if (slotCount < parallelAbove || Environment.ProcessorCount < 2)
            {
                var count = ScanRanges(query, filter, keys.AsSpan(0, size), limit, ranges);
                return ToScored(RankedSlots.Best(keys.AsSpan(0, count), limit));
            }

            // The scan reads every vector from memory (the query embedding has evicted them from the caches): a second
            // core pulls half of them. The caller takes ranges too and never waits for a helper that has not started.
            var helperKeys = ArrayPool<long>.Shared.Rent(size);
            var copy = query.ToArray();
            var helper = Task.Run(() => ranges.TryJoin() ? ScanRanges(copy, filter, helperKeys.AsSpan(0, size), limit, ranges) : 0);
            var mine = ScanRanges(query, filter, keys.AsSpan(0, size), limit, ranges);
            var theirs = ranges.CloseToLateHelper() ? 0 : helper.GetAwaiter().GetResult();
            helperKeys.AsSpan(0, theirs).CopyTo(keys.AsSpan(mine));
            ArrayPool<long>.Shared.Return(helperKeys);
            return ToScored(RankedSlots.Best(keys.AsSpan(0, mine + theirs), limit));
        }
        finally
        {
            ArrayPool<long>.Shared.Return(keys);
        }
    }

    /// <summary>Scans the ranges it claims into <paramref name="buffer"/>; returns how many keys it kept at the buffer's start (its best k and runners-up).</summary>
    private int ScanRanges(ReadOnlySpan<float> query, SearchFilter filter, Span<long> buffer, int limit, ExactScanRanges ranges)
    {
        var top = new RankedSlots.Collector(buffer, limit);
        // Only slots whose document has tags or an access list need their filter fields read; the rest stay a pure scan.
        var checkAll = filter.Tags.Count > 0;
        while (ranges.TryClaim(out var start, out var end))
        {
            for (var slot = start; slot < end; slot++)
            {
                var f = flags[slot];
                if ((f & CollectionIndex.HasVector) == 0 || removedAt[slot] <= version)
                {
                    continue;
                }

                if ((checkAll || (f & CollectionIndex.Restricted) != 0) && !filter.Allows(chunks[slot]!.Tags, chunks[slot]!.AccessGroups))
                {
                    continue;
                }

                var similarity = TensorPrimitives.Dot(query, VectorPages.Of(vectorPages, dimensions, slot));
                if (!(similarity < top.Floor))
                {
                    top.Add(RankedSlots.Key(similarity, slot));
                }
            }
        }

        return top.Count;
    }

    /// <summary>Search through the graph with at least <paramref name="ef"/> candidates (exact when the filter is very selective or the walk finds fewer than k).</summary>
    internal List<ScoredChunk> SearchApproximate(ReadOnlySpan<float> query, SearchFilter filter, int limit, int ef)
    {
        if (graph is null)
        {
            throw new InvalidOperationException("This collection has no graph yet.");
        }

        var checkAll = filter.Tags.Count > 0;
        Func<int, bool> accept = slot => (flags[slot] & CollectionIndex.HasVector) != 0 && removedAt[slot] > version && Allowed(slot, filter, checkAll);
        if (AcceptedShare(accept) < ExactBelowAcceptedShare)
        {
            // Very selective: the walk would visit most of the graph to find k accepted slots, while the exact
            // scan only computes the few accepted ones' similarities.
            return SearchExact(query, filter, limit);
        }

        // Filtered walk; widen it while it finds fewer than k, since accepted slots may sit behind rejected ones.
        ef = Math.Max(ef, limit);
        var budget = Math.Max(4096, liveVectors / 4);
        for (var attempt = 0; attempt < 3; attempt++, ef *= 4)
        {
            var found = HnswSearch.Search(graph, vectorPages, dimensions, slotCount, query, ef, accept, budget);
            if (found.Count >= limit)
            {
                return ToScored(found.Take(limit).Select(f => (f.Slot, (double)f.Similarity)).ToList());
            }
        }

        // Fewer than k reachable: the exact scan over the accepted subset returns every match there is.
        return SearchExact(query, filter, limit);
    }

    /// <summary>The share of a deterministic sample of slots the filter accepts (1 when nothing is filtered).</summary>
    private double AcceptedShare(Func<int, bool> accept)
    {
        const int Samples = 512;
        var step = Math.Max(1, slotCount / Samples);
        int seen = 0, accepted = 0;
        for (var slot = 0; slot < slotCount; slot += step)
        {
            if ((flags[slot] & CollectionIndex.HasVector) == 0 || removedAt[slot] <= version)
            {
                continue;
            }

            seen++;
            if (accept(slot))
            {
                accepted++;
            }
        }

        return seen == 0 ? 0 : (double)accepted / seen;
    }

    private bool Allowed(int slot, SearchFilter filter, bool checkAll) =>
        (!checkAll && (flags[slot] & CollectionIndex.Restricted) == 0) || filter.Allows(chunks[slot]!.Tags, chunks[slot]!.AccessGroups);

    private List<ScoredChunk> ToScored(List<(int Slot, double Score)> hits)
    {
        var scored = new List<ScoredChunk>(hits.Count);
        for (var i = 0; i < hits.Count; i++)
        {
            var chunk = chunks[hits[i].Slot]!;
            scored.Add(new ScoredChunk(chunk.ChunkId, chunk.DocumentId, hits[i].Score, i + 1));
        }

        return scored;
    }
}

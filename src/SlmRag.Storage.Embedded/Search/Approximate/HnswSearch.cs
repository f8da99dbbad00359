using System.Numerics.Tensors;

namespace SlmRag.Storage.Embedded.Search.Approximate;

/// <summary>
/// Walks of a hierarchical navigable small-world graph over unit vectors (similarity = dot product).
/// Reader-safe: reads only captured arrays and slots below <c>bound</c>. The filter is applied inside the
/// walk: rejected slots are still traversed (they keep the graph connected) but never enter the results,
/// so a filtered query keeps looking until it has <c>ef</c> accepted slots or runs out of graph.
/// </summary>
internal static class HnswSearch
{
    /// <summary>The best accepted slots on layer 0 (at most <paramref name="ef"/>), best first; stops early after <paramref name="budget"/> distance computations.</summary>
    public static List<(int Slot, float Similarity)> Search(HnswView graph, float[][] pages, int dimensions, int bound, ReadOnlySpan<float> query, int ef, Func<int, bool>? accept, int budget)
    {
        if (graph.EntryPoint < 0 || graph.EntryPoint >= bound)
        {
            return [];
        }

        var entry = graph.EntryPoint;
        var entrySimilarity = TensorPrimitives.Dot(query, VectorPages.Of(pages, dimensions, entry));
        for (var level = graph.MaxLevel; level > 0; level--)
        {
            (entry, entrySimilarity) = Greedy(graph.Links, pages, dimensions, bound, query, entry, entrySimilarity, level);
        }

        return SearchLayer(graph.Links, pages, dimensions, bound, query, [(entry, entrySimilarity)], ef, 0, accept, budget);
    }

    /// <summary>Moves to the most similar neighbour on one level until none is better.</summary>
    public static (int Slot, float Similarity) Greedy(int[][]?[] links, float[][] pages, int dimensions, int bound, ReadOnlySpan<float> query, int slot, float similarity, int level)
    {
        for (var changed = true; changed;)
        {
            changed = false;
            var levels = links[slot];
            if (levels is null || level >= levels.Length)
            {
                break;
            }

            foreach (var neighbour in levels[level])
            {
                if (neighbour >= bound)
                {
                    continue;
                }

                var s = TensorPrimitives.Dot(query, VectorPages.Of(pages, dimensions, neighbour));
                if (s > similarity)
                {
                    (slot, similarity, changed) = (neighbour, s, true);
                }
            }
        }

        return (slot, similarity);
    }

    /// <summary>Best-first search on one level from <paramref name="entries"/>; the result is best first.</summary>
    public static List<(int Slot, float Similarity)> SearchLayer(int[][]?[] links, float[][] pages, int dimensions, int bound, ReadOnlySpan<float> query,
        List<(int Slot, float Similarity)> entries, int ef, int level, Func<int, bool>? accept, int budget)
    {
        var visited = VisitedSet.Rent(Math.Min(bound, links.Length));
        var candidates = new PriorityQueue<int, float>(); // most similar first (negated priority)
        var results = new PriorityQueue<int, float>();    // least similar first, at most ef
        foreach (var (slot, similarity) in entries)
        {
            visited.Add(slot);
            candidates.Enqueue(slot, -similarity);
            if (accept is null || accept(slot))
            {
                results.Enqueue(slot, similarity);
            }
        }

        while (results.Count > ef)
        {
            results.Dequeue();
        }

        while (candidates.TryDequeue(out var current, out var negated))
        {
            if (results.Count >= ef && results.TryPeek(out _, out var worst) && -negated < worst)
            {
                break;
            }

            var levels = links[current];
            if (levels is null || level >= levels.Length)
            {
                continue;
            }

            foreach (var neighbour in levels[level])
            {
                if (neighbour >= bound || !visited.Add(neighbour))
                {
                    continue;
                }

                var similarity = TensorPrimitives.Dot(query, VectorPages.Of(pages, dimensions, neighbour));
                if (results.Count < ef || (results.TryPeek(out _, out var lowest) && similarity > lowest))
                {
                    candidates.Enqueue(neighbour, -similarity);
                    if (accept is null || accept(neighbour))
                    {
                        results.Enqueue(neighbour, similarity);
                        if (results.Count > ef)
                        {
                            results.Dequeue();
                        }
                    }
                }

                if (--budget <= 0)
                {
                    candidates.Clear();
                    break;
                }
            }
        }

        var best = new List<(int, float)>(results.Count);
        while (results.TryDequeue(out var slot, out var similarity))
        {
            best.Add((slot, similarity));
        }

        best.Reverse();
        return best;
    }
}

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
    /// <summary>The best accepted slots on layer 0 (at most <paramref name="ef"/>), best first; gives up after <paramref name="budget"/> distance computations without <paramref name="ef"/> accepted slots.</summary>
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

    /// <summary>
    /// Best-first search on one level from <paramref name="entries"/>; the result is best first. The budget
    /// bounds only the search for accepted slots: once <paramref name="ef"/> of them are found, the usual
    /// stopping rule ends the walk, so an unfiltered walk is never cut short (a cut-short walk caps recall
    /// however large ef is).
    /// </summary>
    public static List<(int Slot, float Similarity)> SearchLayer(int[][]?[] links, float[][] pages, int dimensions, int bound, ReadOnlySpan<float> query,
        List<(int Slot, float Similarity)> entries, int ef, int level, Func<int, bool>? accept, int budget)
    {
        var visited = VisitedSet.Rent(Math.Min(bound, links.Length));
        var scratch = WalkScratch.Current;
        var candidates = scratch.Candidates;
        var results = scratch.Results;
        candidates.Clear();
        results.Clear();
        foreach (var (slot, similarity) in entries)
        {
            visited.Add(slot);
            candidates.Push(slot, similarity);
            if (accept is null || accept(slot))
            {
                results.Push(slot, similarity);
            }
        }

        while (results.Count > ef)
        {
            results.Pop();
        }

        while (candidates.Count > 0)
        {
            var (current, currentSimilarity) = candidates.Pop();
            if (results.Count >= ef && currentSimilarity < results.TopSimilarity)
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
                if (results.Count < ef || similarity > results.TopSimilarity)
                {
                    candidates.Push(neighbour, similarity);
                    if (accept is null || accept(neighbour))
                    {
                        results.Push(neighbour, similarity);
                        if (results.Count > ef)
                        {
                            results.Pop();
                        }
                    }
                }

                if (results.Count < ef && --budget <= 0)
                {
                    candidates.Clear();
                    break;
                }
            }
        }

        var best = new List<(int, float)>(results.Count);
        while (results.Count > 0)
        {
            best.Add(results.Pop());
        }

        best.Reverse();
        return best;
    }
}

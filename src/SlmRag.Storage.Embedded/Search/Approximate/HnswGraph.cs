using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace SlmRag.Storage.Embedded.Search.Approximate;

/// <summary>
/// The writer's side of an HNSW graph over the slots of a <see cref="VectorPages"/>: one writer inserts,
/// readers walk a <see cref="HnswView"/> captured at their version at the same time. Safe because a
/// node's neighbour array is replaced whole (never edited in place), the slot directory is copied on
/// growth, and a new node is linked in only after its own links exist. Removed slots stay in the graph
/// as waypoints (readers skip them as results) until the collection is compacted, i.e. rebuilt.
/// </summary>
internal sealed class HnswGraph
{
    private const int MaxLevels = 16;
    private readonly VectorPages _vectors;
    private readonly int _efConstruction;
    private readonly double _levelFactor;
    private readonly Random _random = new(20261202); // a fixed seed: the same inserts build the same graph
    private readonly (int Slot, float Similarity)[] _connectBuffer; // the single writer's scratch, so linking allocates only the new arrays
    private readonly int[] _keptBuffer;

    public HnswGraph(VectorPages vectors, int m, int efConstruction)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 2);
        _vectors = vectors;
        M = m;
        _efConstruction = Math.Max(efConstruction, m);
        _levelFactor = 1 / Math.Log(m);
        _connectBuffer = new (int, float)[(2 * m) + 1];
        _keptBuffer = new int[2 * m];
    }

    /// <summary>Restores a persisted graph (its links are taken over, not copied).</summary>
    public HnswGraph(VectorPages vectors, int m, int efConstruction, int[][]?[] links, int entryPoint, int maxLevel, int nodes)
        : this(vectors, m, efConstruction)
    {
        Links = links;
        EntryPoint = entryPoint;
        MaxLevel = maxLevel;
        Nodes = nodes;
    }

    public int M { get; }

    public int[][]?[] Links { get; private set; } = [];

    public int EntryPoint { get; private set; } = -1;

    public int MaxLevel { get; private set; } = -1;

    public int Nodes { get; private set; }

    public HnswView View => new(Links, EntryPoint, MaxLevel, M);

    /// <summary>Links a slot whose vector is already stored. Not thread-safe against other inserts.</summary>
    public void Insert(int slot)
    {
        var level = Math.Min(MaxLevels - 1, (int)(-Math.Log(1 - _random.NextDouble()) * _levelFactor));
        var own = new int[level + 1][];
        for (var l = 0; l <= level; l++)
        {
            own[l] = [];
        }

        Links = CopyOnGrow.Ensure(Links, slot, null);
        Links[slot] = own;
        Nodes++;
        if (EntryPoint < 0)
        {
            (EntryPoint, MaxLevel) = (slot, level);
            return;
        }

        var query = _vectors.Get(slot);
        var pages = _vectors.Pages;
        var bound = int.MaxValue;
        var entry = EntryPoint;
        var entrySimilarity = TensorPrimitives.Dot(query, _vectors.Get(entry));
        for (var l = MaxLevel; l > level; l--)
        {
            (entry, entrySimilarity) = HnswSearch.Greedy(Links, pages, _vectors.Dimensions, bound, query, entry, entrySimilarity, l);
        }

        List<(int Slot, float Similarity)> entries = [(entry, entrySimilarity)];
        for (var l = Math.Min(level, MaxLevel); l >= 0; l--)
        {
            var found = HnswSearch.SearchLayer(Links, pages, _vectors.Dimensions, bound, query, entries, _efConstruction, l, null, int.MaxValue);
            found.RemoveAll(f => f.Slot == slot);
            var selected = SelectNeighbours(CollectionsMarshal.AsSpan(found), M);
            own[l] = selected;
            foreach (var neighbour in selected)
            {
                Connect(neighbour, slot, l);
            }

            entries = found.Count > 0 ? found : entries;
        }

        if (level > MaxLevel)
        {
            (EntryPoint, MaxLevel) = (slot, level);
        }
    }

    private int MaxLinks(int level) => level == 0 ? 2 * M : M;

    private void Connect(int node, int added, int level)
    {
        var current = Links[node]![level];
        if (Array.IndexOf(current, added) >= 0)
        {
            return;
        }

        int[] next;
        if (current.Length < MaxLinks(level))
        {
            next = new int[current.Length + 1];
            current.CopyTo(next, 0);
            next[^1] = added;
        }
        else
        {
            // Full: choose again among the old links and the new one, as the node would pick them if inserted now.
            var origin = _vectors.Get(node);
            var candidates = _connectBuffer.AsSpan(0, current.Length + 1);
            for (var i = 0; i < current.Length; i++)
            {
                candidates[i] = (current[i], TensorPrimitives.Dot(origin, _vectors.Get(current[i])));
            }

            candidates[^1] = (added, TensorPrimitives.Dot(origin, _vectors.Get(added)));
            candidates.Sort(static (a, b) => b.Similarity.CompareTo(a.Similarity));
            next = SelectNeighbours(candidates, MaxLinks(level));
        }

        // One reference write: a reader sees the old array or the new one, never a half-built list.
        Links[node]![level] = next;
    }

    /// <summary>
    /// The diversity heuristic of the HNSW paper: take candidates best first, skipping one that is more
    /// similar to an already kept neighbour than to the origin (it is reachable through that neighbour).
    /// </summary>
    private int[] SelectNeighbours(ReadOnlySpan<(int Slot, float Similarity)> bestFirst, int m)
    {
        var kept = _keptBuffer.AsSpan(0, m);
        var count = 0;
        foreach (var (slot, similarity) in bestFirst)
        {
            if (count == m)
            {
                break;
            }

            var vector = _vectors.Get(slot);
            var diverse = true;
            for (var k = 0; k < count; k++)
            {
                if (TensorPrimitives.Dot(vector, _vectors.Get(kept[k])) > similarity)
                {
                    diverse = false;
                    break;
                }
            }

            if (diverse)
            {
                kept[count++] = slot;
            }
        }

        return kept[..count].ToArray();
    }
}

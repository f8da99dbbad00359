using SlmRag.Storage.Embedded.Search.Approximate;

namespace SlmRag.Storage.Embedded.Search;

/// <summary>
/// The writer of one collection's in-memory search state: BM25 postings, vectors, filter fields and,
/// above the size threshold, an HNSW graph, addressed by slot. Slots are appended, never reused: a
/// replaced or deleted chunk's slot gets the version that removed it, so every published
/// <see cref="IndexSnapshot"/> keeps seeing exactly its own version while the writer moves on.
/// One writer at a time (the caller serialises refreshes); snapshots are read concurrently.
/// </summary>
internal sealed class CollectionIndex(VectorSearchSettings settings)
{
    internal const byte HasVector = 1;
    internal const byte Restricted = 2;

    private readonly Bm25Index _bm25 = new();
    private readonly Dictionary<string, int[]> _slotsByDocument = new(StringComparer.Ordinal);
    private Dictionary<string, int>? _reserved;
    private readonly List<int> _deferredInserts = [];
    private IndexedChunk?[] _chunks = [];
    private long[] _removedAt = [];
    private byte[] _flags = [];
    private VectorPages? _vectors;
    private HnswGraph? _graph;
    private int _slotCount;
    private long _version;
    private int _liveVectors;
    private int _deadSlots;
    private int _graphChangesSinceSave;

    public VectorSearchSettings Settings => settings;

    /// <summary>Removed slots outnumber live ones: rebuilding the collection would halve its memory and graph.</summary>
    public bool NeedsCompaction => _deadSlots > 4096 && _deadSlots > _bm25.LiveCount;

    /// <summary>Graph changes not yet on disk: enough of them (a tenth of the graph) to be worth a save.</summary>
    public bool GraphWorthSaving => _graph is { } graph && _graphChangesSinceSave > Math.Max(1024, graph.Nodes / 10);

    /// <summary>The graph changed since it was last saved (or was never saved).</summary>
    public bool GraphDirty => _graph is not null && _graphChangesSinceSave > 0;

    public bool GraphLoadedFromFile { get; private set; }

    /// <summary>
    /// Takes over a persisted graph: its slots are reserved for the chunks it was built from, which
    /// <see cref="ReplaceDocument"/> then fills in place; slots never filled stay removed.
    /// </summary>
    public void Adopt(PersistedGraph persisted)
    {
        if (_slotCount != 0)
        {
            throw new InvalidOperationException("A graph can only be adopted by an empty index.");
        }

        _vectors = new VectorPages(persisted.Dimensions);
        _reserved = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var slot = 0; slot < persisted.ChunkIds.Length; slot++)
        {
            if (persisted.ChunkIds[slot] is { } id)
            {
                _reserved.TryAdd(id, slot);
            }
        }

        _slotCount = persisted.ChunkIds.Length;
        _chunks = new IndexedChunk?[_slotCount];
        _removedAt = new long[_slotCount]; // 0: not visible in any version until filled
        _flags = new byte[_slotCount];
        _deadSlots = _slotCount;
        var nodes = persisted.Links.Count(l => l is not null);
        _graph = new HnswGraph(_vectors, persisted.M, settings.EfConstruction, persisted.Links, persisted.EntryPoint, persisted.MaxLevel, nodes);
        GraphLoadedFromFile = true;
    }

    /// <summary>Replaces the document's chunks (none: removes it) in the version being prepared.</summary>
    public void ReplaceDocument(string documentId, IReadOnlyList<IndexedChunk> chunks)
    {
        RemoveDocument(documentId);
        var slots = new int[chunks.Count];
        for (var i = 0; i < chunks.Count; i++)
        {
            slots[i] = Add(chunks[i]);
        }

        if (slots.Length > 0)
        {
            _slotsByDocument[documentId] = slots;
        }
    }

    public void RemoveDocument(string documentId)
    {
        if (!_slotsByDocument.Remove(documentId, out var slots))
        {
            return;
        }

        foreach (var slot in slots)
        {
            _bm25.Remove(slot);
            _removedAt[slot] = _version + 1;
            _deadSlots++;
            if ((_flags[slot] & HasVector) != 0)
            {
                _liveVectors--;
            }
        }
    }

    /// <summary>Ends the version being prepared and returns a snapshot of it; builds the graph when the collection has just grown past the threshold.</summary>
    public IndexSnapshot Publish(long appliedSeq)
    {
        if (_reserved is not null)
        {
            // Reserved slots not filled by now belong to chunks that no longer exist; they stay in the graph
            // as zero vectors. Few of them cost nothing; many would cut paths, so then the graph is rebuilt.
            if (_reserved.Count > Math.Max(16, _graph!.Nodes / 10))
            {
                _graph = null;
                GraphLoadedFromFile = false;
            }

            _reserved = null;
            foreach (var slot in _deferredInserts)
            {
                _graph?.Insert(slot);
            }

            _deferredInserts.Clear();
        }

        if (_graph is null && _vectors is not null && _liveVectors >= settings.ApproximateAbove)
        {
            _graph = new HnswGraph(_vectors, settings.M, settings.EfConstruction);
            for (var slot = 0; slot < _slotCount; slot++)
            {
                if ((_flags[slot] & HasVector) != 0 && _removedAt[slot] > _version + 1)
                {
                    _graph.Insert(slot);
                    _graphChangesSinceSave++;
                }
            }
        }

        _version++;
        return new IndexSnapshot(_version, appliedSeq, _slotCount, _chunks, _removedAt, _flags, _vectors?.Pages ?? [], _vectors?.Dimensions ?? 0,
            _bm25, _bm25.Stats, _graph?.View, _liveVectors, settings);
    }

    /// <summary>Writes the graph (if any) to <paramref name="path"/>; the caller keeps other writers out meanwhile.</summary>
    public void SaveGraph(string path)
    {
        if (_graph is null || _vectors is null)
        {
            return;
        }

        HnswFile.Save(path, _graph, _vectors.Dimensions, _slotCount, slot => _removedAt[slot] > _version ? _chunks[slot]?.ChunkId : null);
        _graphChangesSinceSave = 0;
    }

    private int Add(IndexedChunk chunk)
    {
        int slot;
        var filled = false;
        if (_reserved is not null && chunk.Vector is { } v && v.Length == _vectors!.Dimensions && _reserved.Remove(chunk.ChunkId, out var reserved))
        {
            (slot, filled) = (reserved, true);
            _deadSlots--;
        }
        else
        {
            slot = _slotCount++;
        }

        _chunks = CopyOnGrow.Ensure(_chunks, slot, null);
        _removedAt = CopyOnGrow.Ensure(_removedAt, slot, long.MaxValue);
        _flags = CopyOnGrow.Ensure(_flags, slot, (byte)0);
        // Only the ids and filter fields are kept per slot: the vector lives in the pages, the terms in the postings.
        _chunks[slot] = chunk with { Vector = null, TextTerms = [], TitleTerms = [] };
        _removedAt[slot] = long.MaxValue;
        var flags = (byte)(chunk.AccessGroups.Length > 0 || chunk.Tags.Length > 0 ? Restricted : 0);
        _bm25.Add(slot, chunk.TextTerms, chunk.TitleTerms);
        if (chunk.Vector is { } vector)
        {
            _vectors ??= new VectorPages(vector.Length);
            _vectors.Set(slot, vector);
            flags |= HasVector;
            _liveVectors++;
            if (_reserved is not null && !filled)
            {
                _deferredInserts.Add(slot); // linked once every adopted slot has its vector
                _graphChangesSinceSave++;
            }
            else if (_graph is not null && !filled)
            {
                _graph.Insert(slot);
                _graphChangesSinceSave++;
            }
        }

        _flags[slot] = flags;
        return slot;
    }
}

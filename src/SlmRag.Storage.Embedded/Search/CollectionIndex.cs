using System.Numerics.Tensors;
using SlmRag.Core.Retrieval;

namespace SlmRag.Storage.Embedded.Search;

/// <summary>
/// One collection's in-memory search state: a BM25 index and a contiguous float32 matrix of unit
/// vectors, addressed by slot, with each slot's filter fields. Readers share a lock; document
/// replacements take it exclusively. <see cref="AppliedSeq"/> is the last index_log entry applied.
/// </summary>
internal sealed class CollectionIndex : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private Bm25Index _bm25 = new();
    private readonly List<IndexedChunk?> _slots = [];
    private readonly Dictionary<string, List<int>> _slotsByDocument = new(StringComparer.Ordinal);
    private readonly Stack<int> _free = new();
    private const byte HasVector = 1;
    private const byte Restricted = 2;
    private float[] _vectors = [];
    private byte[] _flags = [];
    private int _dimensions;

    public SemaphoreSlim RefreshLock { get; } = new(1, 1);

    public long AppliedSeq { get; set; }

    public int ChunkCount
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _bm25.LiveCount;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public void ReplaceDocument(string documentId, IReadOnlyList<IndexedChunk> chunks)
    {
        _lock.EnterWriteLock();
        try
        {
            RemoveLocked(documentId);
            var slots = new List<int>(chunks.Count);
            foreach (var chunk in chunks)
            {
                var slot = _free.Count > 0 ? _free.Pop() : _slots.Count;
                if (slot == _slots.Count)
                {
                    _slots.Add(null);
                }

                _slots[slot] = chunk;
                _bm25.Set(slot, chunk.TextTerms, chunk.TitleTerms);
                if (_flags.Length <= slot)
                {
                    Array.Resize(ref _flags, Math.Max(16, _flags.Length * 2));
                }

                _flags[slot] = (byte)(chunk.AccessGroups.Length > 0 || chunk.Tags.Length > 0 ? Restricted : 0);
                if (chunk.Vector is { } vector)
                {
                    StoreVector(slot, vector);
                    _flags[slot] |= HasVector;
                }

                slots.Add(slot);
            }

            if (slots.Count > 0)
            {
                _slotsByDocument[documentId] = slots;
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Clear()
    {
        _lock.EnterWriteLock();
        try
        {
            _bm25 = new Bm25Index();
            _slots.Clear();
            _slotsByDocument.Clear();
            _free.Clear();
            _vectors = [];
            _flags = [];
            _dimensions = 0;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void RemoveDocument(string documentId)
    {
        _lock.EnterWriteLock();
        try
        {
            RemoveLocked(documentId);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public List<ScoredChunk> SearchLexical(IReadOnlyList<string> terms, SearchFilter filter, int limit, Bm25Options options)
    {
        _lock.EnterReadLock();
        try
        {
            return ToScored(_bm25.Search(terms, slot => filter.Allows(_slots[slot]!.Tags, _slots[slot]!.AccessGroups), limit, options));
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>Exact search: the dot product of the (unit) query with every allowed slot's vector.</summary>
    public List<ScoredChunk> SearchVector(ReadOnlySpan<float> query, SearchFilter filter, int limit)
    {
        _lock.EnterReadLock();
        try
        {
            if (_dimensions == 0)
            {
                return [];
            }

            if (query.Length != _dimensions)
            {
                throw new ArgumentException($"The query vector has {query.Length} dimensions; the collection's vectors have {_dimensions}.", nameof(query));
            }

            var top = new TopK(limit);
            var matrix = _vectors.AsSpan();
            // Only slots whose document has tags or an access list need their filter fields read; the rest stay a pure scan.
            var checkAll = filter.Tags.Count > 0;
            for (var slot = 0; slot < _slots.Count; slot++)
            {
                var flags = _flags[slot];
                if ((flags & HasVector) == 0)
                {
                    continue;
                }

                if ((checkAll || (flags & Restricted) != 0) && !filter.Allows(_slots[slot]!.Tags, _slots[slot]!.AccessGroups))
                {
                    continue;
                }

                top.Add(slot, TensorPrimitives.Dot(query, matrix.Slice(slot * _dimensions, _dimensions)));
            }

            return ToScored(top.ToList());
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose()
    {
        _lock.Dispose();
        RefreshLock.Dispose();
    }

    private void RemoveLocked(string documentId)
    {
        if (!_slotsByDocument.Remove(documentId, out var slots))
        {
            return;
        }

        foreach (var slot in slots)
        {
            _bm25.Clear(slot);
            _slots[slot] = null;
            _flags[slot] = 0;
            _free.Push(slot);
        }
    }

    private void StoreVector(int slot, float[] vector)
    {
        if (_dimensions == 0)
        {
            _dimensions = vector.Length;
        }
        else if (vector.Length != _dimensions)
        {
            throw new InvalidDataException($"A vector of {vector.Length} dimensions in a collection of {_dimensions}.");
        }

        var needed = (slot + 1) * _dimensions;
        if (_vectors.Length < needed)
        {
            Array.Resize(ref _vectors, Math.Max(needed, _vectors.Length * 2));
        }

        vector.CopyTo(_vectors.AsSpan(slot * _dimensions, _dimensions));
    }

    private List<ScoredChunk> ToScored(List<(int Slot, double Score)> hits) =>
        hits.Select((hit, i) => new ScoredChunk(_slots[hit.Slot]!.ChunkId, _slots[hit.Slot]!.DocumentId, hit.Score, i + 1)).ToList();
}

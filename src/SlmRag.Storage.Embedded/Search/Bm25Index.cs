using System.Buffers;
using SlmRag.Core.Retrieval;

namespace SlmRag.Storage.Embedded.Search;

/// <summary>
/// An in-memory inverted index with BM25 scoring over two fields (text; title with section path),
/// each length-normalised on its own and summed with the title weight; repeated query terms count
/// with Robertson's k3 saturation. Postings are flat arrays per term and scores accumulate in a
/// pooled dense array, so a query allocates almost nothing. Not thread-safe for writers:
/// CollectionIndex serialises writers and lets readers share.
/// </summary>
internal sealed class Bm25Index
{
    private const double K3 = 8;

    private readonly Field _text = new();
    private readonly Field _title = new();
    private readonly List<bool> _live = [];

    public int LiveCount { get; private set; }

    public void Set(int slot, IReadOnlyList<string> textTerms, IReadOnlyList<string> titleTerms)
    {
        while (_live.Count <= slot)
        {
            _live.Add(false);
        }

        if (_live[slot])
        {
            throw new InvalidOperationException($"Slot {slot} is in use.");
        }

        _text.Add(slot, textTerms);
        _title.Add(slot, titleTerms);
        _live[slot] = true;
        LiveCount++;
    }

    public void Clear(int slot)
    {
        if (slot < _live.Count && _live[slot])
        {
            _text.Remove(slot);
            _title.Remove(slot);
            _live[slot] = false;
            LiveCount--;
        }
    }

    /// <summary>Scores every live slot holding a query term, keeps those <paramref name="allowed"/> accepts, returns the best <paramref name="limit"/>.</summary>
    public List<(int Slot, double Score)> Search(IReadOnlyList<string> queryTerms, Func<int, bool> allowed, int limit, Bm25Options options)
    {
        var scores = ArrayPool<double>.Shared.Rent(Math.Max(1, _live.Count));
        var touched = new List<int>();
        try
        {
            Array.Clear(scores, 0, _live.Count);
            foreach (var group in queryTerms.GroupBy(t => t, StringComparer.Ordinal))
            {
                var qtf = group.Count();
                var queryWeight = qtf * (K3 + 1) / (K3 + qtf);
                _text.Accumulate(group.Key, LiveCount, options.K1, options.B, queryWeight, scores, touched);
                if (options.TitleWeight > 0)
                {
                    _title.Accumulate(group.Key, LiveCount, options.K1, options.B, queryWeight * options.TitleWeight, scores, touched);
                }
            }

            var top = new TopK(limit);
            foreach (var slot in touched)
            {
                var score = scores[slot];
                if (score <= 0 || !allowed(slot))
                {
                    continue;
                }

                scores[slot] = 0; // a slot touched by several terms is considered once
                top.Add(slot, score);
            }

            return top.ToList();
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scores);
        }
    }

    /// <summary>One field: per term a flat postings list of (slot, frequency); per slot its length and distinct terms.</summary>
    private sealed class Field
    {
        private readonly Dictionary<string, Postings> _postings = new(StringComparer.Ordinal);
        private readonly List<int> _lengths = [];
        private readonly List<string[]?> _terms = [];
        private long _totalLength;

        public void Add(int slot, IReadOnlyList<string> terms)
        {
            while (_lengths.Count <= slot)
            {
                _lengths.Add(0);
                _terms.Add(null);
            }

            var distinct = new List<string>();
            foreach (var group in terms.GroupBy(t => t, StringComparer.Ordinal))
            {
                if (!_postings.TryGetValue(group.Key, out var postings))
                {
                    _postings[group.Key] = postings = new Postings();
                }

                postings.Add(slot, group.Count());
                distinct.Add(group.Key);
            }

            _lengths[slot] = terms.Count;
            _terms[slot] = [.. distinct];
            _totalLength += terms.Count;
        }

        public void Remove(int slot)
        {
            if (slot >= _terms.Count || _terms[slot] is not { } terms)
            {
                return;
            }

            foreach (var term in terms)
            {
                var postings = _postings[term];
                postings.Remove(slot);
                if (postings.Count == 0)
                {
                    _postings.Remove(term);
                }
            }

            _totalLength -= _lengths[slot];
            _lengths[slot] = 0;
            _terms[slot] = null;
        }

        public void Accumulate(string term, int documents, double k1, double b, double weight, double[] scores, List<int> touched)
        {
            if (documents == 0 || !_postings.TryGetValue(term, out var postings))
            {
                return;
            }

            var averageLength = Math.Max(1.0, (double)_totalLength / documents);
            // Robertson-Sparck Jones idf with +1 inside the log, so very common terms never score negative.
            var idf = Math.Max(0.0001, Math.Log((documents - postings.Count + 0.5) / (postings.Count + 0.5)));
            var scale = weight * idf * (k1 + 1);
            var lengthFactor = k1 * b / averageLength;
            var constant = k1 * (1 - b);
            for (var i = 0; i < postings.Count; i++)
            {
                var slot = postings.Slots[i];
                double tf = postings.Frequencies[i];
                if (scores[slot] == 0)
                {
                    touched.Add(slot);
                }

                scores[slot] += scale * tf / (tf + constant + (lengthFactor * _lengths[slot]));
            }
        }
    }

    /// <summary>Growable parallel arrays; removal swaps the last entry in, since order does not matter.</summary>
    private sealed class Postings
    {
        public int[] Slots = new int[2];
        public int[] Frequencies = new int[2];
        public int Count;

        public void Add(int slot, int frequency)
        {
            if (Count == Slots.Length)
            {
                Array.Resize(ref Slots, Count * 2);
                Array.Resize(ref Frequencies, Count * 2);
            }

            Slots[Count] = slot;
            Frequencies[Count] = frequency;
            Count++;
        }

        public void Remove(int slot)
        {
            var index = Array.IndexOf(Slots, slot, 0, Count);
            if (index >= 0)
            {
                Count--;
                Slots[index] = Slots[Count];
                Frequencies[index] = Frequencies[Count];
            }
        }
    }
}

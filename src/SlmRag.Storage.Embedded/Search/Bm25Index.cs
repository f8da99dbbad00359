using System.Buffers;
using System.Collections.Concurrent;
using SlmRag.Core.Retrieval;

namespace SlmRag.Storage.Embedded.Search;

/// <summary>
/// An in-memory inverted index with BM25 scoring over two fields (text; title with section path),
/// each length-normalised on its own and summed with the title weight; repeated query terms count
/// with Robertson's k3 saturation. One writer, any number of concurrent readers: postings only grow
/// (a removed slot stays in them and readers skip it by its visibility in their snapshot), every
/// postings list is an immutable value replaced whole, and the collection statistics a reader scores
/// with are the ones captured in its <see cref="Bm25Stats"/>, so a query sees one index version.
/// </summary>
internal sealed class Bm25Index
{
    private const double K3 = 8;

    private readonly Field _text = new();
    private readonly Field _title = new();

    public int LiveCount { get; private set; }

    /// <summary>The statistics of the current version, for a snapshot.</summary>
    public Bm25Stats Stats => new(LiveCount, _text.TotalLength, _title.TotalLength, _text.Lengths, _title.Lengths);

    /// <summary>Adds a new slot (slots are never reused; see <see cref="Remove"/>).</summary>
    public void Add(int slot, IReadOnlyList<string> textTerms, IReadOnlyList<string> titleTerms)
    {
        _text.Add(slot, textTerms);
        _title.Add(slot, titleTerms);
        LiveCount++;
    }

    /// <summary>Takes a slot out of the statistics; its postings stay and are skipped as invisible.</summary>
    public void Remove(int slot)
    {
        _text.Remove(slot);
        _title.Remove(slot);
        LiveCount--;
    }

    /// <summary>
    /// Scores every slot <paramref name="visible"/> in the reader's version holding a query term, keeps those
    /// <paramref name="allowed"/> accepts, returns the best <paramref name="limit"/>.
    /// </summary>
    public List<(int Slot, double Score)> Search(IReadOnlyList<string> queryTerms, Bm25Stats stats, int slotCount, Func<int, bool> visible, Func<int, bool> allowed, int limit, Bm25Options options)
    {
        var scores = ArrayPool<double>.Shared.Rent(Math.Max(1, slotCount));
        var touched = new List<int>();
        try
        {
            Array.Clear(scores, 0, slotCount);
            foreach (var group in queryTerms.GroupBy(t => t, StringComparer.Ordinal))
            {
                var qtf = group.Count();
                var queryWeight = qtf * (K3 + 1) / (K3 + qtf);
                _text.Accumulate(group.Key, stats.LiveCount, stats.TextLength, stats.TextLengths, visible, options.K1, options.B, queryWeight, scores, touched);
                if (options.TitleWeight > 0)
                {
                    _title.Accumulate(group.Key, stats.LiveCount, stats.TitleLength, stats.TitleLengths, visible, options.K1, options.B, queryWeight * options.TitleWeight, scores, touched);
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

    /// <summary>One field: per term a postings list of (slot, frequency); per slot its length and distinct terms.</summary>
    private sealed class Field
    {
        // Readers look terms up while the writer adds them: a concurrent dictionary, whose reads take no lock.
        private readonly ConcurrentDictionary<string, Postings> _postings = new(StringComparer.Ordinal);

        public int[] Lengths { get; private set; } = [];

        public long TotalLength { get; private set; }

        public void Add(int slot, IReadOnlyList<string> terms)
        {
            foreach (var group in terms.GroupBy(t => t, StringComparer.Ordinal))
            {
                _postings[group.Key] = _postings.TryGetValue(group.Key, out var postings)
                    ? postings.Append(slot, group.Count())
                    : Postings.Empty.Append(slot, group.Count());
            }

            Lengths = CopyOnGrow.Ensure(Lengths, slot, 0);
            Lengths[slot] = terms.Count;
            TotalLength += terms.Count;
        }

        public void Remove(int slot) => TotalLength -= Lengths[slot];

        public void Accumulate(string term, int documents, long totalLength, int[] lengths, Func<int, bool> visible, double k1, double b, double weight, double[] scores, List<int> touched)
        {
            if (documents == 0 || !_postings.TryGetValue(term, out var postings))
            {
                return;
            }

            // Document frequency in the reader's version: postings also hold removed and newer slots.
            var frequency = 0;
            for (var i = 0; i < postings.Count; i++)
            {
                if (visible(postings.Slots[i]))
                {
                    frequency++;
                }
            }

            if (frequency == 0)
            {
                return;
            }

            var averageLength = Math.Max(1.0, (double)totalLength / documents);
            // Robertson-Sparck Jones idf with +1 inside the log, so very common terms never score negative.
            var idf = Math.Max(0.0001, Math.Log((documents - frequency + 0.5) / (frequency + 0.5)));
            var scale = weight * idf * (k1 + 1);
            var lengthFactor = k1 * b / averageLength;
            var constant = k1 * (1 - b);
            for (var i = 0; i < postings.Count; i++)
            {
                var slot = postings.Slots[i];
                if (!visible(slot))
                {
                    continue;
                }

                double tf = postings.Frequencies[i];
                if (scores[slot] == 0)
                {
                    touched.Add(slot);
                }

                scores[slot] += scale * tf / (tf + constant + (lengthFactor * lengths[slot]));
            }
        }
    }

    /// <summary>
    /// An immutable view of a growable pair of arrays: appending writes past every published view's
    /// count and returns a new view, so a reader's view never changes.
    /// </summary>
    private sealed class Postings(int[] slots, int[] frequencies, int count)
    {
        public static Postings Empty { get; } = new([], [], 0);

        public int[] Slots { get; } = slots;

        public int[] Frequencies { get; } = frequencies;

        public int Count { get; } = count;

        public Postings Append(int slot, int frequency)
        {
            var slots = Slots;
            var frequencies = Frequencies;
            if (Count == slots.Length)
            {
                Array.Resize(ref slots, Math.Max(2, Count * 2));
                Array.Resize(ref frequencies, slots.Length);
            }

            slots[Count] = slot;
            frequencies[Count] = frequency;
            return new Postings(slots, frequencies, Count + 1);
        }
    }
}

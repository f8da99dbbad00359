using System.Numerics.Tensors;

namespace SlmRag.Storage.Embedded.Search;

/// <summary>
/// Top-k selection for the exact vector scan without a heap operation per slot. Each (similarity, slot) pair
/// is packed into one 64-bit key whose integer order is the ranking order: higher similarity first (in
/// <see cref="float.CompareTo(float)"/> order, so NaN ranks last and -0 equals 0), then the lower slot.
/// Keys are then unique, so a partial selection (quickselect) plus a sort of the k winners gives exactly the
/// order the heap-based <see cref="TopK"/> gave, ties included, for a fraction of its cost.
/// </summary>
internal static class RankedSlots
{
    public static long Key(float similarity, int slot) => ((long)Ordered(similarity) << 32) | (uint)(int.MaxValue - slot);

    /// <summary>
    /// A buffer of candidate keys with a floor: a key at or below the floor is rejected with one comparison; when the
    /// buffer fills, a partial selection keeps the best <c>limit</c> and raises the floor to the worst of them.
    /// </summary>
    public ref struct Collector(Span<long> buffer, int limit)
    {
        private readonly Span<long> _buffer = buffer;
        private int _count;
        private long _floor = long.MinValue;

        /// <summary>A similarity below this cannot make the top k: callers skip building its key (NaN is never below it, so it reaches <see cref="Add"/>).</summary>
        public float Floor { get; private set; } = float.NegativeInfinity;

        /// <summary>A buffer size that keeps the number of selections small: room for the best k and as many again.</summary>
        public static int BufferSize(int limit, int candidates) => (int)Math.Max(1, Math.Min(candidates, Math.Max(2L * limit, 256)));

        public void Add(long key)
        {
            if (key <= _floor)
            {
                return;
            }

            if (_count == _buffer.Length)
            {
                SelectLargest(_buffer, limit);
                _count = limit;
                _floor = TensorPrimitives.Min<long>(_buffer[..limit]);
                Floor = Similarity((int)(_floor >> 32));
                if (key <= _floor)
                {
                    return;
                }
            }

            _buffer[_count++] = key;
        }

        /// <summary>How many keys the buffer holds (its first ones): the best k among them, with runners-up.</summary>
        public readonly int Count => _count;

        public readonly List<(int Slot, double Score)> Best() => RankedSlots.Best(_buffer[.._count], limit);
    }

    /// <summary>The <paramref name="limit"/> best keys decoded to (slot, similarity), best first. Reorders <paramref name="keys"/>.</summary>
    public static List<(int Slot, double Score)> Best(Span<long> keys, int limit)
    {
        if (limit <= 0 || keys.IsEmpty)
        {
            return [];
        }

        if (keys.Length > limit)
        {
            SelectLargest(keys, limit);
            keys = keys[..limit];
        }

        keys.Sort();
        var best = new List<(int, double)>(keys.Length);
        for (var i = keys.Length - 1; i >= 0; i--)
        {
            var key = keys[i];
            best.Add((int.MaxValue - (int)(uint)key, Similarity((int)(key >> 32))));
        }

        return best;
    }

    /// <summary>Maps a float to an int with the same order (IEEE sign-magnitude to two's complement); NaN lowest, -0 as 0.</summary>
    private static int Ordered(float similarity)
    {
        if (float.IsNaN(similarity))
        {
            return int.MinValue;
        }

        var bits = BitConverter.SingleToInt32Bits(similarity + 0f);
        return bits >= 0 ? bits : bits ^ int.MaxValue;
    }

    private static float Similarity(int ordered) =>
        ordered == int.MinValue ? float.NaN : BitConverter.Int32BitsToSingle(ordered >= 0 ? ordered : ordered ^ int.MaxValue);

    /// <summary>Partitions so the <paramref name="count"/> largest keys (unordered) come first (Hoare quickselect, median-of-three pivots).</summary>
    private static void SelectLargest(Span<long> keys, int count)
    {
        int left = 0, right = keys.Length - 1, target = count - 1;
        while (left < right)
        {
            var middle = left + ((right - left) >> 1);
            // Median of three, so the already-ordered runs that equal similarities produce do not degrade it.
            if (keys[middle] > keys[left])
            {
                (keys[middle], keys[left]) = (keys[left], keys[middle]);
            }

            if (keys[right] > keys[left])
            {
                (keys[right], keys[left]) = (keys[left], keys[right]);
            }

            if (keys[right] > keys[middle])
            {
                (keys[right], keys[middle]) = (keys[middle], keys[right]);
            }

            var pivot = keys[middle];
            int i = left, j = right;
            while (i <= j)
            {
                while (keys[i] > pivot)
                {
                    i++;
                }

                while (keys[j] < pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (keys[i], keys[j]) = (keys[j], keys[i]);
                    i++;
                    j--;
                }
            }

            // Now keys[left..j] >= pivot >= keys[i..right], and anything between equals the pivot.
            if (target <= j)
            {
                right = j;
            }
            else if (target >= i)
            {
                left = i;
            }
            else
            {
                return;
            }
        }
    }
}

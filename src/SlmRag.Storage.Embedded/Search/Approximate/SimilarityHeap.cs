namespace SlmRag.Storage.Embedded.Search.Approximate;

/// <summary>
/// A binary heap of (slot, similarity) in two parallel arrays that are kept between walks, so a walk
/// allocates nothing once the arrays have grown to its size. <see cref="PriorityQueue{TElement, TPriority}"/>
/// would allocate per walk and compare through an interface.
/// </summary>
internal sealed class SimilarityHeap(bool mostSimilarOnTop)
{
    private int[] _slots = new int[64];
    private float[] _similarities = new float[64];

    public int Count { get; private set; }

    public int TopSlot => _slots[0];

    public float TopSimilarity => _similarities[0];

    public void Clear() => Count = 0;

    public void Push(int slot, float similarity)
    {
        if (Count == _slots.Length)
        {
            Array.Resize(ref _slots, Count * 2);
            Array.Resize(ref _similarities, Count * 2);
        }

        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Above(similarity, _similarities[parent]))
            {
                break;
            }

            _slots[i] = _slots[parent];
            _similarities[i] = _similarities[parent];
            i = parent;
        }

        _slots[i] = slot;
        _similarities[i] = similarity;
    }

    public (int Slot, float Similarity) Pop()
    {
        var top = (_slots[0], _similarities[0]);
        var count = --Count;
        if (count > 0)
        {
            var slot = _slots[count];
            var similarity = _similarities[count];
            var i = 0;
            while (true)
            {
                var child = (2 * i) + 1;
                if (child >= count)
                {
                    break;
                }

                if (child + 1 < count && Above(_similarities[child + 1], _similarities[child]))
                {
                    child++;
                }

                if (!Above(_similarities[child], similarity))
                {
                    break;
                }

                _slots[i] = _slots[child];
                _similarities[i] = _similarities[child];
                i = child;
            }

            _slots[i] = slot;
            _similarities[i] = similarity;
        }

        return top;
    }

    private bool Above(float a, float b) => mostSimilarOnTop ? a > b : a < b;
}

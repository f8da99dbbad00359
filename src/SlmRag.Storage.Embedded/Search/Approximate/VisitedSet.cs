namespace SlmRag.Storage.Embedded.Search.Approximate;

/// <summary>
/// Which slots a graph walk has seen, as generation stamps so a walk does not clear a million entries.
/// One per thread: a walk is synchronous, so it never moves threads midway.
/// </summary>
internal sealed class VisitedSet
{
    [ThreadStatic]
    private static VisitedSet? _current;

    private int[] _marks = [];
    private int _stamp;

    /// <summary>This thread's set, emptied and sized for <paramref name="slots"/>.</summary>
    public static VisitedSet Rent(int slots)
    {
        var set = _current ??= new VisitedSet();
        if (set._marks.Length < slots)
        {
            set._marks = new int[Math.Max(slots, set._marks.Length * 2)];
            set._stamp = 0;
        }

        if (++set._stamp == int.MaxValue)
        {
            Array.Clear(set._marks);
            set._stamp = 1;
        }

        return set;
    }

    /// <summary>Marks the slot; false when it was already marked in this walk.</summary>
    public bool Add(int slot)
    {
        if (_marks[slot] == _stamp)
        {
            return false;
        }

        _marks[slot] = _stamp;
        return true;
    }
}

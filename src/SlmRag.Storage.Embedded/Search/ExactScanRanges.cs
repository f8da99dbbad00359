namespace SlmRag.Storage.Embedded.Search;

/// <summary>
/// Hands out consecutive slot ranges of an exact scan to the threads sharing it, and settles whether a helper thread
/// joined: a helper the pool starts only after the caller finished every range is turned away, so the caller never
/// waits for a thread that was not running. Thread-safe.
/// </summary>
internal sealed class ExactScanRanges(int slotCount)
{
    /// <summary>1,024 vectors (1.5 MB at 384 dimensions): enough work to be worth a claim, small enough to share evenly.</summary>
    private const int RangeSlots = 1024;

    private const int Waiting = 0;
    private const int Joined = 1;
    private const int Closed = 2;

    private int _next;
    private int _helper;

    public bool TryClaim(out int start, out int end)
    {
        var range = Interlocked.Increment(ref _next) - 1;
        start = (int)Math.Min((long)range * RangeSlots, slotCount);
        end = (int)Math.Min((long)start + RangeSlots, slotCount);
        return start < end;
    }

    /// <summary>Called by the helper first: false when the caller already finished without it.</summary>
    public bool TryJoin() => Interlocked.CompareExchange(ref _helper, Joined, Waiting) == Waiting;

    /// <summary>Called by the caller when it ran out of ranges: true when the helper never joined (and now never will).</summary>
    public bool CloseToLateHelper() => Interlocked.CompareExchange(ref _helper, Closed, Waiting) == Waiting;
}

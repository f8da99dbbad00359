namespace SlmRag.Storage.Embedded.Search;

/// <summary>Keeps the best <c>limit</c> (slot, score) pairs seen; ties go to the lower slot so results are deterministic.</summary>
internal sealed class TopK(int limit)
{
    private readonly PriorityQueue<(int Slot, double Score), (double, int)> _queue = new(limit + 1);

    public void Add(int slot, double score)
    {
        if (_queue.Count < limit)
        {
            _queue.Enqueue((slot, score), (score, -slot));
        }
        else if (_queue.TryPeek(out _, out var lowest) && (score, -slot).CompareTo(lowest) > 0)
        {
            _queue.DequeueEnqueue((slot, score), (score, -slot));
        }
    }

    /// <summary>The kept pairs, best first.</summary>
    public List<(int Slot, double Score)> ToList()
    {
        var result = new List<(int, double)>(_queue.Count);
        while (_queue.Count > 0)
        {
            result.Add(_queue.Dequeue());
        }

        result.Reverse();
        return result;
    }
}

namespace SlmRag.Storage.Embedded.Search;

/// <summary>
/// A collection's published snapshot and the writer that prepares the next one. Searches read
/// <see cref="Current"/> without a lock; refreshes take <see cref="WriteLock"/>, so there is one writer.
/// </summary>
internal sealed class CollectionEntry : IDisposable
{
    private IndexSnapshot? _current;

    public SemaphoreSlim WriteLock { get; } = new(1, 1);

    /// <summary>Null before the first load, and after a refresh failed midway (the next one starts over from the catalog).</summary>
    public CollectionIndex? Writer { get; set; }

    public IndexSnapshot? Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }

    public void Dispose() => WriteLock.Dispose();
}

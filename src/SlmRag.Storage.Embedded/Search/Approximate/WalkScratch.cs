namespace SlmRag.Storage.Embedded.Search.Approximate;

/// <summary>
/// The working memory of one graph walk, kept per thread: the visited set and the two heaps. A walk is
/// synchronous, so it never moves threads midway, and walks on one thread never nest.
/// </summary>
internal sealed class WalkScratch
{
    [ThreadStatic]
    private static WalkScratch? _current;

    public static WalkScratch Current => _current ??= new WalkScratch();

    /// <summary>Slots to expand, most similar first.</summary>
    public SimilarityHeap Candidates { get; } = new(mostSimilarOnTop: true);

    /// <summary>The best accepted slots so far, least similar on top (the one to drop).</summary>
    public SimilarityHeap Results { get; } = new(mostSimilarOnTop: false);
}

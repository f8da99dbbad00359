namespace SlmRag.Core.Jobs;

/// <summary>
/// What the uploader of a job item could read, recorded with the item: its upload replaces the documents of the same key
/// this reader can read, and leaves every other one alone (the same test as search, <see cref="Retrieval.SearchFilter.Allows"/>).
/// </summary>
/// <param name="Groups">The uploader's groups.</param>
/// <param name="SeesEverything">An administrator or the local operator (CLI): every document of the key.</param>
public sealed record UploaderAccess(IReadOnlyList<string> Groups, bool SeesEverything)
{
    /// <summary>The local operator (CLI, evaluation, benchmarks): one document per key, as before access lists took part in ids.</summary>
    public static UploaderAccess Operator { get; } = new([], SeesEverything: true);

    public bool MayRead(IReadOnlyCollection<string> accessGroups) =>
        new Retrieval.SearchFilter([], Groups, SeesEverything).Allows([], accessGroups);
}

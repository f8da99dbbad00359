namespace SlmRag.Core.Retrieval;

/// <summary>
/// Who is asking and what they want to see. A chunk matches when its document carries every one of
/// <see cref="Tags"/> and its access list is empty or shares a group with <see cref="CallerGroups"/>.
/// Filters are applied inside the search, never after a truncated top-k.
/// </summary>
/// <param name="SeesEverything">Administrators: access lists do not apply.</param>
public sealed record SearchFilter(IReadOnlyList<string> Tags, IReadOnlyList<string> CallerGroups, bool SeesEverything = false)
{
    public static SearchFilter Public { get; } = new([], []);

    public static SearchFilter Everything { get; } = new([], [], SeesEverything: true);

    public bool Allows(IReadOnlyCollection<string> documentTags, IReadOnlyCollection<string> accessGroups) =>
        Tags.All(documentTags.Contains)
        && (SeesEverything || accessGroups.Count == 0 || accessGroups.Any(CallerGroups.Contains));
}

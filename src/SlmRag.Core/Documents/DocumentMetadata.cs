namespace SlmRag.Core.Documents;

/// <summary>What the uploader says about a document, beyond its bytes.</summary>
/// <param name="Tags">Free labels used to filter searches.</param>
/// <param name="SourceUrl">Where the original lives (shown with citations).</param>
/// <param name="AccessGroups">Groups allowed to read the document; empty means everyone with access to the collection.</param>
/// <param name="Title">Overrides the title found in the document.</param>
public sealed record DocumentMetadata(
    IReadOnlyList<string> Tags,
    string? SourceUrl,
    IReadOnlyList<string> AccessGroups,
    string? Title = null)
{
    public static DocumentMetadata Empty { get; } = new([], null, []);

    /// <summary>True when both describe the document the same way (order of tags and groups ignored).</summary>
    public bool SameAs(DocumentMetadata other) =>
        SourceUrl == other.SourceUrl
        && Title == other.Title
        && Tags.Order(StringComparer.Ordinal).SequenceEqual(other.Tags.Order(StringComparer.Ordinal))
        && AccessGroups.Order(StringComparer.Ordinal).SequenceEqual(other.AccessGroups.Order(StringComparer.Ordinal));
}

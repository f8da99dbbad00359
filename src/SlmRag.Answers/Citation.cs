namespace SlmRag.Answers;

/// <summary>
/// One source an answer cites: <see cref="Number"/> is the marker in the text ("[2]"); the snippet is
/// the document text in [<see cref="CharStart"/>, <see cref="CharEnd"/>).
/// </summary>
public sealed record Citation(
    int Number,
    string DocumentId,
    string ChunkId,
    string Title,
    IReadOnlyList<string> SectionPath,
    int? PageStart,
    int? PageEnd,
    string Snippet,
    int CharStart,
    int CharEnd,
    string? SourceUrl)
{
    /// <summary>Where a reader opens the cited passage (SlmRag's document viewer); set by the API, which knows its own address and the caller.</summary>
    public string? ViewUrl { get; init; }
}

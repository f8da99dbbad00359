namespace SlmRag.Core.Chunking;

/// <summary>
/// A retrievable passage with the provenance needed to cite it:
/// <see cref="Text"/> equals the document text in [<see cref="CharStart"/>, <see cref="CharEnd"/>).
/// </summary>
public sealed record Chunk(
    string Id,
    string DocumentId,
    string Collection,
    int Ordinal,
    string Title,
    IReadOnlyList<string> SectionPath,
    int? PageStart,
    int? PageEnd,
    int CharStart,
    int CharEnd,
    int TokenCount,
    string ContentHash,
    string Text);

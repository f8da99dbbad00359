namespace SlmRag.Storage.Embedded.Search;

/// <summary>What the in-memory indexes keep of a chunk: analysed terms, its vector, and its document's filter fields.</summary>
internal sealed record IndexedChunk(string ChunkId, string DocumentId, IReadOnlyList<string> TextTerms, IReadOnlyList<string> TitleTerms, float[]? Vector, string[] Tags, string[] AccessGroups);

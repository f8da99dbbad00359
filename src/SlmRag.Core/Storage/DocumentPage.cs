using SlmRag.Core.Documents;

namespace SlmRag.Core.Storage;

/// <param name="Total">Documents matching the query (tag and access), not just this page.</param>
/// <param name="TotalChunks">Chunks of those documents.</param>
public sealed record DocumentPage(IReadOnlyList<DocumentRecord> Documents, int Total, int TotalChunks = 0);

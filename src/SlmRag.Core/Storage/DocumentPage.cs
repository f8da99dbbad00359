using SlmRag.Core.Documents;

namespace SlmRag.Core.Storage;

public sealed record DocumentPage(IReadOnlyList<DocumentRecord> Documents, int Total);

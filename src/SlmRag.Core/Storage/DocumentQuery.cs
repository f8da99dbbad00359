using SlmRag.Core.Retrieval;

namespace SlmRag.Core.Storage;

/// <summary>A page of documents, optionally those carrying <see cref="Tag"/>.</summary>
/// <param name="Access">
/// The caller's access: documents whose access list excludes it are left out of the page and of every total,
/// so a listing neither shows nor counts what the caller may not read. Null: every document (administration).
/// </param>
public sealed record DocumentQuery(string? Tag = null, int Skip = 0, int Take = 100, SearchFilter? Access = null);

namespace SlmRag.Core.Storage;

/// <summary>A page of documents, optionally those carrying <see cref="Tag"/>.</summary>
public sealed record DocumentQuery(string? Tag = null, int Skip = 0, int Take = 100);

using SlmRag.Core.Extraction;

namespace SlmRag.Core.Storage;

/// <summary>The extracted text of a document and its pages, kept for viewers and re-chunking.</summary>
public sealed record DocumentContent(string Text, IReadOnlyList<PageSpan> Pages);

namespace SlmRag.Core.Storage;

/// <summary>One committed change: a document of a collection, or (null document) the whole collection (deleted, or re-embedded).</summary>
public sealed record IndexChange(long Sequence, string Collection, string? DocumentId);

namespace SlmRag.Core.Storage;

/// <summary>One stored upload: <see cref="Id"/> names this upload's file, <see cref="ContentHash"/> is the SHA-256 of its bytes.</summary>
public sealed record StoredBlob(string Id, string ContentHash, long SizeBytes);

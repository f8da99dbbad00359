namespace SlmRag.Core.Storage;

public sealed record StoredBlob(string Hash, long SizeBytes);

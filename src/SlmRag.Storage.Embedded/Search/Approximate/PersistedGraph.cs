namespace SlmRag.Storage.Embedded.Search.Approximate;

/// <summary>A graph read back from disk: per slot the chunk it was built for (null: none) and its links.</summary>
internal sealed record PersistedGraph(int Dimensions, int M, string?[] ChunkIds, int[][]?[] Links, int EntryPoint, int MaxLevel);

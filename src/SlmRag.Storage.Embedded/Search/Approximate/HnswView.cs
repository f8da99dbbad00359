namespace SlmRag.Storage.Embedded.Search.Approximate;

/// <summary>
/// What a reader needs of the graph at one version: the per-slot links (per level a neighbour array,
/// replaced whole by the writer, never edited in place), the entry point and its level. Links may
/// point to slots newer than the reader's snapshot; walks skip those.
/// </summary>
internal sealed record HnswView(int[][]?[] Links, int EntryPoint, int MaxLevel, int M);

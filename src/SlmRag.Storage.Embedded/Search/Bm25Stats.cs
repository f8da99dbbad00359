namespace SlmRag.Storage.Embedded.Search;

/// <summary>The BM25 collection statistics of one index version: live chunks, total field lengths, per-slot field lengths.</summary>
internal sealed record Bm25Stats(int LiveCount, long TextLength, long TitleLength, int[] TextLengths, int[] TitleLengths);

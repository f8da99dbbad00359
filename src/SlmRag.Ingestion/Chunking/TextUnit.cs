namespace SlmRag.Ingestion.Chunking;

/// <summary>A sentence (or a piece of an over-long one) of a block; the chunker packs these.</summary>
/// <param name="BlockStart">True for the first unit of a block: a preferred place to break.</param>
/// <param name="BlockTokens">Tokens of the whole block this unit starts (0 when not a block start).</param>
internal readonly record struct TextUnit(int Start, int End, int Tokens, bool BlockStart, int BlockTokens);

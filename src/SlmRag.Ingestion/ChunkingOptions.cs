namespace SlmRag.Ingestion;

/// <summary><c>Ingestion:Chunking</c>: token budget of a chunk and how much consecutive chunks overlap.</summary>
public sealed class ChunkingOptions
{
    public int MaxTokens { get; set; } = 350;

    public int OverlapTokens { get; set; } = 50;
}

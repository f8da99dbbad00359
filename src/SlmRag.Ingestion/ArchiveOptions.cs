namespace SlmRag.Ingestion;

/// <summary><c>Ingestion:Archives</c>: limits on Office files, which are zip archives and can be decompression bombs.</summary>
public sealed class ArchiveOptions
{
    public long MaxUncompressedBytes { get; set; } = 512L * 1024 * 1024;

    public int MaxCompressionRatio { get; set; } = 200;

    public int MaxEntries { get; set; } = 10_000;
}

namespace SlmRag.Ingestion;

/// <summary>Limits and settings of ingestion. Bound to the <c>Ingestion</c> section, validated at start-up.</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>Largest accepted file; larger uploads fail their own item with TooLarge.</summary>
    public long MaxFileBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Largest HTTP upload request (all files of one multipart request together).</summary>
    public long MaxRequestBytes { get; set; } = 1024L * 1024 * 1024;

    public int MaxFilesPerUpload { get; set; } = 1000;

    /// <summary>Extraction stops a document whose text passes this many characters (decompression bombs).</summary>
    public int MaxExtractedCharacters { get; set; } = 20_000_000;

    public ChunkingOptions Chunking { get; set; } = new();

    public PdfOptions Pdf { get; set; } = new();

    public ArchiveOptions Archives { get; set; } = new();

    public WorkerOptions Worker { get; set; } = new();

    public SandboxOptions Sandbox { get; set; } = new();

    public ExtractionLimitOptions Limits { get; set; } = new();
}

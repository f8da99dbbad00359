using System.ComponentModel.DataAnnotations;

namespace SlmRag.Storage.Embedded;

/// <summary>Where the embedded store keeps its files. Bound to the <c>Storage</c> section.</summary>
public sealed class EmbeddedStorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The data directory: the SQLite database and uploaded blobs. Relative paths are resolved against the working directory.</summary>
    [Required(ErrorMessage = "Storage:DataDirectory is required: the folder that holds the database and uploads.")]
    public string DataDirectory { get; set; } = "data";

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), "slmrag.db");

    public string BlobDirectory => Path.Combine(Path.GetFullPath(DataDirectory), "blobs");

    /// <summary>
    /// Collections with more live vectors than this are searched through an approximate (HNSW) graph instead
    /// of the exact scan; 0 means always. The graph is built when a collection first passes the size, then kept
    /// current as chunks arrive, and saved under <see cref="IndexDirectory"/>.
    /// </summary>
    [Range(0, int.MaxValue, ErrorMessage = "Storage:ApproximateSearchAbove must be 0 (always approximate) or a positive number of vectors.")]
    public int ApproximateSearchAbove { get; set; } = 100_000;

    /// <summary>Candidates an approximate search keeps (HNSW ef): higher finds more of the true nearest neighbours, slower.</summary>
    [Range(10, 4096, ErrorMessage = "Storage:ApproximateSearchEf must be between 10 and 4096.")]
    public int ApproximateSearchEf { get; set; } = 96;

    /// <summary>
    /// Above this many live vectors the search ef grows in proportion to the collection's size (twice the vectors, twice
    /// the ef, at most 4,096), so recall holds as a collection grows; 0 keeps <see cref="ApproximateSearchEf"/> fixed.
    /// </summary>
    [Range(0, int.MaxValue, ErrorMessage = "Storage:ApproximateSearchEfScaleAbove must be 0 (a fixed ef) or a positive number of vectors.")]
    public int ApproximateSearchEfScaleAbove { get; set; } = 1_000_000;

    /// <summary>Where the vector graphs are saved (one file per collection).</summary>
    public string IndexDirectory => Path.Combine(Path.GetFullPath(DataDirectory), "index");
}

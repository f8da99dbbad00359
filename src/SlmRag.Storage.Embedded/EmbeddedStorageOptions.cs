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
}

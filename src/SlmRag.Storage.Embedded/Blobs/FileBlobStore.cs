using System.Security.Cryptography;
using SlmRag.Core.Ingestion;
using SlmRag.Core.Storage;

namespace SlmRag.Storage.Embedded.Blobs;

/// <summary>
/// Blobs as files under the data directory, one per upload, named by a fresh GUID. Writes go to a
/// temporary file that is renamed into place, so a crash never leaves a half-written blob under a
/// valid name; the SHA-256 is computed while streaming.
/// </summary>
internal sealed class FileBlobStore : IBlobStore
{
    private readonly string _directory;

    public FileBlobStore(string directory)
    {
        _directory = directory;
        try
        {
            Directory.CreateDirectory(Path.Combine(_directory, "tmp"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Sqlite.StartupFailures.DataDirectory(_directory, ex);
        }
    }

    public async Task<StoredBlob> PutAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(_directory, "tmp", Guid.NewGuid().ToString("N"));
        try
        {
            long size = 0;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > maxBytes)
                    {
                        throw new IngestionException(IngestionError.TooLarge, $"The file is larger than the limit of {maxBytes:N0} bytes (Ingestion:MaxFileBytes).");
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            var id = Guid.NewGuid().ToString("N");
            File.Move(temporary, PathFor(id));
            return new StoredBlob(id, Convert.ToHexStringLower(hash.GetHashAndReset()), size);
        }
        catch
        {
            // Cleanup only; the exception (limit, cancellation, I/O) goes to the caller unchanged.
            File.Delete(temporary);
            throw;
        }
    }

    public string? TryGetPath(string blobId)
    {
        var path = PathFor(blobId);
        return File.Exists(path) ? path : null;
    }

    public void Delete(string blobId) => File.Delete(PathFor(blobId));

    public IReadOnlyList<(string BlobId, DateTimeOffset WrittenAt)> List() =>
        Directory.EnumerateFiles(_directory)
            .Select(path => (Id: Path.GetFileName(path), Path: path))
            .Where(f => f.Id.Length == 32 && f.Id.All(char.IsAsciiHexDigitLower))
            .Select(f => (f.Id, new DateTimeOffset(File.GetLastWriteTimeUtc(f.Path), TimeSpan.Zero)))
            .ToList();

    private string PathFor(string blobId)
    {
        if (blobId.Length != 32 || !blobId.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("A blob id is 32 lower-case hex digits.", nameof(blobId));
        }

        return Path.Combine(_directory, blobId);
    }
}

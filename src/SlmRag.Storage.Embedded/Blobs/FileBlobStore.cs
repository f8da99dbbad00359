using System.Security.Cryptography;
using SlmRag.Core.Ingestion;
using SlmRag.Core.Storage;

namespace SlmRag.Storage.Embedded.Blobs;

/// <summary>
/// Blobs as files named by their SHA-256 under the data directory. Writes go to a temporary file
/// that is renamed into place, so a crash never leaves a half-written blob under a valid name.
/// </summary>
internal sealed class FileBlobStore : IBlobStore
{
    private readonly string _directory;

    public FileBlobStore(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(Path.Combine(_directory, "tmp"));
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

            var name = Convert.ToHexStringLower(hash.GetHashAndReset());
            var target = PathFor(name);
            if (File.Exists(target))
            {
                File.Delete(temporary);
            }
            else
            {
                File.Move(temporary, target, overwrite: true);
            }

            return new StoredBlob(name, size);
        }
        catch
        {
            // Cleanup only; the exception (limit, cancellation, I/O) goes to the caller unchanged.
            File.Delete(temporary);
            throw;
        }
    }

    public string? TryGetPath(string hash)
    {
        var path = PathFor(hash);
        return File.Exists(path) ? path : null;
    }

    public void Delete(string hash) => File.Delete(PathFor(hash));

    private string PathFor(string hash)
    {
        if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("A blob name is a lower-case SHA-256 in hex.", nameof(hash));
        }

        return Path.Combine(_directory, hash);
    }
}

using Microsoft.Extensions.Options;
using SlmRag.Core.Documents;
using SlmRag.Core.Ingestion;
using SlmRag.Core.Jobs;
using SlmRag.Core.Storage;

namespace SlmRag.Ingestion.Uploads;

/// <summary>
/// Moves an uploaded stream into the blob store and describes it as a job item. A file that is
/// refused (bad name, empty, too large) becomes a failed item with its reason, so one bad file of
/// an upload never hides what happened to the others. Thread-safe.
/// </summary>
public sealed class UploadStager(IBlobStore blobs, IOptions<IngestionOptions> options)
{
    public async Task<NewJobItem> StageAsync(string? fileName, string? key, Stream content, DocumentMetadata metadata, string? password, CancellationToken cancellationToken)
    {
        var name = fileName ?? string.Empty;
        var problem = FileNames.Problem(fileName);
        if (problem is not null)
        {
            return Refused(name, key, metadata, IngestionError.InvalidFileName, problem);
        }

        key ??= name;
        if (FileNames.KeyProblem(key) is { } keyProblem)
        {
            return Refused(name, key, metadata, IngestionError.InvalidFileName, keyProblem);
        }

        StoredBlob blob;
        try
        {
            blob = await blobs.PutAsync(content, options.Value.MaxFileBytes, cancellationToken);
        }
        catch (IngestionException ex) when (ex.Error == IngestionError.TooLarge)
        {
            return Refused(name, key, metadata, ex.Error, ex.Message);
        }

        if (blob.SizeBytes == 0)
        {
            blobs.Delete(blob.Id);
            return Refused(name, key, metadata, IngestionError.EmptyFile, "The file is empty.");
        }

        return new NewJobItem(name, key, blob.Id, blob.ContentHash, blob.SizeBytes, metadata, string.IsNullOrEmpty(password) ? null : password);
    }

    private static NewJobItem Refused(string name, string? key, DocumentMetadata metadata, IngestionError error, string reason) =>
        new(name, key ?? name, null, null, 0, metadata, null, error, reason);
}

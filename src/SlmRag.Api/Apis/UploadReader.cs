using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SlmRag.Core.Documents;
using SlmRag.Core.Jobs;
using SlmRag.Core.Storage;
using SlmRag.Ingestion;
using SlmRag.Ingestion.Uploads;
using SlmRag.Api.Security;
using SlmRag.Core.Ingestion;

namespace SlmRag.Api.Apis;

/// <summary>
/// Reads multipart uploads section by section, so a file goes straight to the blob store and never
/// sits whole in memory; metadata fields may come before or after the files.
/// </summary>
public sealed class UploadReader(UploadStager stager, JobSubmitter submitter, IBlobStore blobs, ICatalogStore catalog, IOptions<IngestionOptions> options)
{
    private const int MaxFieldChars = 16 * 1024;

    public async Task<Results<Accepted<IngestionJob>, ProblemHttpResult>> ReadAsync(string collection, HttpRequest request, CallerAccess caller, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        if (request.ContentLength > limits.MaxRequestBytes)
        {
            return TypedResults.Problem($"The upload is {request.ContentLength:N0} bytes, more than the limit of {limits.MaxRequestBytes:N0} (Ingestion:MaxRequestBytes).",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large");
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return TypedResults.Problem("Upload files as multipart/form-data with one or more 'files' parts.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        }

        var fields = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var staged = new List<NewJobItem>();
        var submitted = false;
        try
        {
            var result = await ReadPartsAsync(collection, request.Body, boundary, fields, staged, caller, cancellationToken);
            submitted = result.Result is Accepted<IngestionJob>;
            return result;
        }
        finally
        {
            // A refused request or a client that went away must not leave its uploads behind.
            if (!submitted)
            {
                Discard(staged);
            }
        }
    }

    private async Task<Results<Accepted<IngestionJob>, ProblemHttpResult>> ReadPartsAsync(
        string collection, Stream body, string boundary, Dictionary<string, List<string>> fields, List<NewJobItem> staged, CallerAccess caller, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var reader = new MultipartReader(boundary, body);
        MultipartSection? section;
        while ((section = await reader.ReadNextSectionAsync(cancellationToken)) is not null)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }

            if (disposition.IsFileDisposition())
            {
                if (staged.Count >= limits.MaxFilesPerUpload)
                {
                    return Problems.BadRequest($"An upload holds at most {limits.MaxFilesPerUpload} files (Ingestion:MaxFilesPerUpload).");
                }

                // The raw name, not a sanitized one: a name with path segments must be refused, not silently fixed.
                var fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                staged.Add(await stager.StageAsync(fileName, null, section.Body, DocumentMetadata.Empty, null, cancellationToken));
            }
            else if (disposition.IsFormDisposition())
            {
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                using var text = new StreamReader(section.Body);
                var buffer = new char[MaxFieldChars + 1];
                var length = await text.ReadBlockAsync(buffer, cancellationToken);
                if (length > MaxFieldChars)
                {
                    return Problems.BadRequest($"The form field '{name}' is longer than {MaxFieldChars} characters.");
                }

                (fields.TryGetValue(name, out var values) ? values : fields[name] = []).Add(new string(buffer, 0, length));
            }
        }

        if (staged.Count == 0)
        {
            return Problems.BadRequest("The upload holds no files; send them as multipart parts named 'files'.");
        }

        var problem = UploadFields.Validate(fields, staged.Count, out var metadata, out var key, out var password);
        if (problem is not null)
        {
            return Problems.BadRequest(problem);
        }

        var items = staged.Select(item => item with
        {
            Metadata = metadata,
            DocumentKey = item.RefusedWith is null && key is not null ? key : item.DocumentKey,
            Password = item.RefusedWith is null ? password : null,
        }).ToList();
        for (var i = 0; i < items.Count; i++)
        {
            items[i] = await RefuseHiddenReplacementAsync(collection, items[i], caller, cancellationToken);
        }

        var job = await submitter.SubmitAsync(collection, items, cancellationToken);
        return TypedResults.Accepted($"/v1/jobs/{job.Id}", job);
    }

    /// <summary>
    /// An upload replaces the document with its key; a key may only replace documents it can read (as search
    /// decides), else an ingest key could overwrite, and then read, another group's document.
    /// </summary>
    private async Task<NewJobItem> RefuseHiddenReplacementAsync(string collection, NewJobItem item, CallerAccess caller, CancellationToken cancellationToken)
    {
        if (item.RefusedWith is not null
            || await catalog.GetDocumentAsync(collection, DocumentIds.ForKey(collection, item.DocumentKey), cancellationToken) is not { } existing
            || caller.MayRead(existing))
        {
            return item;
        }

        if (item.BlobId is { } blob)
        {
            blobs.Delete(blob);
        }

        return item with
        {
            BlobId = null, ContentHash = null, SizeBytes = 0, Password = null, RefusedWith = IngestionError.NotPermitted,
            RefusalReason = "This API key may not replace the document stored under this key; upload it under another name or key.",
        };
    }

    private void Discard(IEnumerable<NewJobItem> staged)
    {
        foreach (var blob in staged.Select(s => s.BlobId).OfType<string>())
        {
            blobs.Delete(blob);
        }
    }
}

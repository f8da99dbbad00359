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
/// <remarks>
/// A document's id includes its access list (<see cref="DocumentIds.ForScope"/>) and a key uploads only documents it can read, so an
/// upload never replaces, nor learns of, a document hidden from its key; it replaces the same key's documents that its key can read.
/// </remarks>
public sealed class UploadReader(UploadStager stager, JobSubmitter submitter, IBlobStore blobs, IOptions<IngestionOptions> options)
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

        if (!caller.MayWrite(metadata.AccessGroups))
        {
            // Decided from the request and the key alone: whether any document exists never changes the answer.
            return TypedResults.Problem(
                "This API key may only upload documents it can read: leave 'accessGroups' empty or include at least one of the key's groups.",
                statusCode: StatusCodes.Status403Forbidden, title: "Access groups outside this key");
        }

        var uploader = new UploaderAccess(caller.Groups, caller.Filter().SeesEverything);
        var items = staged.Select(item => item with
        {
            Metadata = metadata,
            DocumentKey = item.RefusedWith is null && key is not null ? key : item.DocumentKey,
            Password = item.RefusedWith is null ? password : null,
            Uploader = uploader,
        }).ToList();
        var job = await submitter.SubmitAsync(collection, items, cancellationToken);
        return TypedResults.Accepted($"/v1/jobs/{job.Id}", job);
    }

    private void Discard(IEnumerable<NewJobItem> staged)
    {
        foreach (var blob in staged.Select(s => s.BlobId).OfType<string>())
        {
            blobs.Delete(blob);
        }
    }
}

using Microsoft.Extensions.Options;

namespace SlmRag.Ingestion;

/// <summary>Start-up validation; every message names the configuration path to fix.</summary>
internal sealed class IngestionOptionsValidator : IValidateOptions<IngestionOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestionOptions o)
    {
        var errors = new List<string>();
        void Require(bool ok, string message)
        {
            if (!ok)
            {
                errors.Add(message);
            }
        }

        Require(o.MaxFileBytes > 0, "Ingestion:MaxFileBytes must be positive.");
        Require(o.MaxRequestBytes >= o.MaxFileBytes, "Ingestion:MaxRequestBytes must be at least Ingestion:MaxFileBytes.");
        Require(o.MaxFilesPerUpload > 0, "Ingestion:MaxFilesPerUpload must be positive.");
        Require(o.MaxExtractedCharacters > 0, "Ingestion:MaxExtractedCharacters must be positive.");
        Require(o.Chunking.MaxTokens is >= 16 and <= 8192, "Ingestion:Chunking:MaxTokens must be between 16 and 8192.");
        Require(o.Chunking.OverlapTokens >= 0 && o.Chunking.OverlapTokens < o.Chunking.MaxTokens / 2,
            "Ingestion:Chunking:OverlapTokens must be at least 0 and less than half of Ingestion:Chunking:MaxTokens.");
        Require(!string.IsNullOrWhiteSpace(o.Pdf.PdftotextPath), "Ingestion:Pdf:PdftotextPath is required.");
        Require(!string.IsNullOrWhiteSpace(o.Pdf.QpdfPath), "Ingestion:Pdf:QpdfPath is required.");
        Require(o.Pdf.TimeoutSeconds > 0, "Ingestion:Pdf:TimeoutSeconds must be positive.");
        Require(o.Archives.MaxUncompressedBytes > 0, "Ingestion:Archives:MaxUncompressedBytes must be positive.");
        Require(o.Archives.MaxCompressionRatio > 1, "Ingestion:Archives:MaxCompressionRatio must be greater than 1.");
        Require(o.Archives.MaxEntries > 0, "Ingestion:Archives:MaxEntries must be positive.");
        Require(o.Worker.Concurrency is >= 1 and <= 64, "Ingestion:Worker:Concurrency must be between 1 and 64.");
        Require(o.Worker.LeaseSeconds >= 1, "Ingestion:Worker:LeaseSeconds must be at least 1.");
        Require(o.Worker.PollSeconds > 0, "Ingestion:Worker:PollSeconds must be positive.");
        Require(o.Worker.MaxAttempts >= 1, "Ingestion:Worker:MaxAttempts must be at least 1.");
        Require(o.Worker.RetryDelaySeconds >= 0, "Ingestion:Worker:RetryDelaySeconds must not be negative.");
        Require(o.Sandbox.TimeoutSeconds >= o.Pdf.TimeoutSeconds, "Ingestion:Sandbox:TimeoutSeconds must be at least Ingestion:Pdf:TimeoutSeconds (the PDF tools run inside the sandbox).");
        Require(o.Sandbox.MemoryLimitMegabytes >= 128, "Ingestion:Sandbox:MemoryLimitMegabytes must be at least 128.");
        Require(o.Sandbox.MaxDocumentsPerProcess >= 1, "Ingestion:Sandbox:MaxDocumentsPerProcess must be at least 1.");
        Require(o.Limits.MaxNestingDepth is >= 8 and <= 10_000, "Ingestion:Limits:MaxNestingDepth must be between 8 and 10000.");
        Require(o.Limits.MaxElements >= 1000, "Ingestion:Limits:MaxElements must be at least 1000.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

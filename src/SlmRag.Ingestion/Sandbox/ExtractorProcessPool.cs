using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SlmRag.Core.Documents;
using SlmRag.Core.Extraction;

namespace SlmRag.Ingestion.Sandbox;

/// <summary>
/// Warm extractor children, one per concurrent document: a child is reused until it fails or has served
/// <see cref="SandboxOptions.MaxDocumentsPerProcess"/> documents, so the start-up cost is paid rarely.
/// Thread-safe. Disposing stops every idle child (children also leave when their parent's pipe closes).
/// </summary>
internal sealed class ExtractorProcessPool(IOptions<IngestionOptions> options) : IDisposable
{
    private readonly ConcurrentBag<ExtractorProcess> _idle = [];
    private readonly Lazy<ExtractorExecutable> _executable = new(() => ExtractorExecutable.Locate(options.Value.Sandbox.ExecutablePath));
    private long _started;
    private bool _disposed;

    /// <summary>Children started since this pool was made (a measure of cold starts).</summary>
    public long ProcessesStarted => Interlocked.Read(ref _started);

    public async Task<ExtractedDocument> ExtractAsync(SourceFormat format, ExtractionInput input, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var settings = options.Value;
        var child = Rent(settings.Sandbox);
        try
        {
            var request = new ExtractionRequest(input.FilePath, input.FileName, input.Password, format, settings);
            // The reply carries text, blocks and pages as JSON: allow for escaping and structure beyond the text itself.
            var maxReply = (settings.MaxExtractedCharacters * 3L) + (16L * 1024 * 1024);
            return await child.ExtractAsync(request, TimeSpan.FromSeconds(settings.Sandbox.TimeoutSeconds), maxReply, cancellationToken);
        }
        finally
        {
            Return(child, settings.Sandbox);
        }
    }

    private ExtractorProcess Rent(SandboxOptions sandbox)
    {
        while (_idle.TryTake(out var child))
        {
            if (child.Usable)
            {
                return child;
            }

            child.Dispose();
        }

        Interlocked.Increment(ref _started);
        return ExtractorProcess.Start(_executable.Value, sandbox);
    }

    private void Return(ExtractorProcess child, SandboxOptions sandbox)
    {
        if (_disposed || !child.Usable || child.DocumentsServed >= sandbox.MaxDocumentsPerProcess || _idle.Count >= options.Value.Worker.Concurrency + 1)
        {
            child.Dispose();
            return;
        }

        _idle.Add(child);
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var child))
        {
            child.Dispose();
        }
    }
}

using Microsoft.Extensions.Options;
using SlmRag.Core.Documents;
using SlmRag.Core.Extraction;
using SlmRag.Ingestion.Extraction;

namespace SlmRag.Ingestion.Tests.Worker;

/// <summary>
/// The real plain-text extractor behind a seam that fails the first calls with a chosen exception:
/// a real transient I/O failure cannot be produced on demand.
/// </summary>
internal sealed class FlakyExtractor(int failures, Func<Exception> failure) : IDocumentExtractor
{
    private readonly PlainTextExtractor _inner = new(new ExtractionLimits(Options.Create(new IngestionOptions())));
    private int _calls;

    public int Calls => _calls;

    public IReadOnlyCollection<SourceFormat> Formats => _inner.Formats;

    public string Version => _inner.Version;

    public Task<ExtractedDocument> ExtractAsync(ExtractionInput input, CancellationToken cancellationToken) =>
        Interlocked.Increment(ref _calls) <= failures ? throw failure() : _inner.ExtractAsync(input, cancellationToken);
}

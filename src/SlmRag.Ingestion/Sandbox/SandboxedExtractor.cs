using SlmRag.Core.Documents;
using SlmRag.Core.Extraction;

namespace SlmRag.Ingestion.Sandbox;

/// <summary>An extractor that runs <paramref name="inner"/>'s code in a child process for one detected format.</summary>
internal sealed class SandboxedExtractor(SourceFormat format, IDocumentExtractor inner, ExtractorProcessPool pool) : IDocumentExtractor
{
    public IReadOnlyCollection<SourceFormat> Formats { get; } = [format];

    /// <summary>The same version as in-process: the sandbox changes where the code runs, not what it produces.</summary>
    public string Version => inner.Version;

    public Task<ExtractedDocument> ExtractAsync(ExtractionInput input, CancellationToken cancellationToken) =>
        pool.ExtractAsync(format, input, cancellationToken);
}

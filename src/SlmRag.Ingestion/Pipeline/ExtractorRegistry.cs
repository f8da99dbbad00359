using SlmRag.Core.Documents;
using SlmRag.Core.Extraction;
using SlmRag.Ingestion.Sandbox;

namespace SlmRag.Ingestion.Pipeline;

/// <summary>Finds the extractor for a detected format: in a sandboxed child when <paramref name="sandbox"/> is given, else in this process.</summary>
internal sealed class ExtractorRegistry(IEnumerable<IDocumentExtractor> extractors, ExtractorProcessPool? sandbox = null)
{
    private readonly Dictionary<SourceFormat, IDocumentExtractor> _byFormat =
        extractors.SelectMany(e => e.Formats.Select(f => (f, e)))
            .ToDictionary(p => p.f, p => sandbox is null ? p.e : new SandboxedExtractor(p.f, p.e, sandbox));

    public IDocumentExtractor For(SourceFormat format) =>
        _byFormat.TryGetValue(format, out var extractor)
            ? extractor
            : throw new InvalidOperationException($"No extractor is registered for {format}.");
}

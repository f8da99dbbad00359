using SlmRag.Core.Documents;
using SlmRag.Core.Extraction;

namespace SlmRag.Ingestion.Pipeline;

/// <summary>Finds the extractor for a detected format.</summary>
internal sealed class ExtractorRegistry(IEnumerable<IDocumentExtractor> extractors)
{
    private readonly Dictionary<SourceFormat, IDocumentExtractor> _byFormat =
        extractors.SelectMany(e => e.Formats.Select(f => (f, e))).ToDictionary(p => p.f, p => p.e);

    public IDocumentExtractor For(SourceFormat format) =>
        _byFormat.TryGetValue(format, out var extractor)
            ? extractor
            : throw new InvalidOperationException($"No extractor is registered for {format}.");
}

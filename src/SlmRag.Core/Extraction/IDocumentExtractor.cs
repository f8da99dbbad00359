using SlmRag.Core.Documents;

namespace SlmRag.Core.Extraction;

/// <summary>
/// Turns one format family into an <see cref="ExtractedDocument"/>.
/// Implementations are stateless and safe to call concurrently.
/// Failures are <see cref="Ingestion.IngestionException"/>s that say whether retrying can help.
/// </summary>
public interface IDocumentExtractor
{
    IReadOnlyCollection<SourceFormat> Formats { get; }

    /// <summary>Bumped when output changes, so unchanged files are re-processed after an upgrade.</summary>
    string Version { get; }

    Task<ExtractedDocument> ExtractAsync(ExtractionInput input, CancellationToken cancellationToken);
}

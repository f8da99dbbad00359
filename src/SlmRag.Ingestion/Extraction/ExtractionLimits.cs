using Microsoft.Extensions.Options;

namespace SlmRag.Ingestion.Extraction;

/// <summary>The limits every extractor enforces, taken from <see cref="IngestionOptions"/>.</summary>
internal sealed class ExtractionLimits(IOptions<IngestionOptions> options)
{
    public int MaxCharacters => options.Value.MaxExtractedCharacters;
}

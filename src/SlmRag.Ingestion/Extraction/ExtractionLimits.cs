using Microsoft.Extensions.Options;
using SlmRag.Core.Ingestion;

namespace SlmRag.Ingestion.Extraction;

/// <summary>The limits every extractor enforces, taken from <see cref="IngestionOptions"/>.</summary>
internal sealed class ExtractionLimits(IOptions<IngestionOptions> options)
{
    public int MaxCharacters => options.Value.MaxExtractedCharacters;

    public int MaxNestingDepth => options.Value.Limits.MaxNestingDepth;

    public int MaxElements => options.Value.Limits.MaxElements;

    public IngestionException TooDeep(int depth) =>
        new(IngestionError.Malformed, $"The document nests elements {depth:N0} levels deep, more than {MaxNestingDepth:N0} (Ingestion:Limits:MaxNestingDepth).");

    public IngestionException TooManyElements() =>
        new(IngestionError.TooLarge, $"The document has more than {MaxElements:N0} elements (Ingestion:Limits:MaxElements).");
}

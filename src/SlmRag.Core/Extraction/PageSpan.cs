namespace SlmRag.Core.Extraction;

/// <summary>Page <see cref="Number"/> (1-based; a slide for presentations) covers [Start, End) of the text.</summary>
public sealed record PageSpan(int Number, int Start, int End);

namespace SlmRag.Core.Retrieval;

/// <summary><c>Retrieval:Bm25</c>: BM25 term-frequency saturation (K1), length normalisation (B) and the weight of title and section-path terms.</summary>
public sealed class Bm25Options
{
    public double K1 { get; set; } = 1.2;

    public double B { get; set; } = 0.65;

    /// <summary>Score of a query term found in the chunk's title or section path, relative to one found in its text.</summary>
    public double TitleWeight { get; set; } = 0.3;
}

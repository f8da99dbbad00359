namespace SlmRag.Core.Retrieval;

/// <summary><c>Retrieval</c>: how many candidates each retriever contributes and how they are fused.</summary>
public sealed class RetrievalOptions
{
    public const string SectionName = "Retrieval";

    /// <summary>Candidates taken from each retriever before fusion.</summary>
    public int CandidateCount { get; set; } = 100;

    public FusionMethod Fusion { get; set; } = FusionMethod.WeightedScore;

    /// <summary>The k of reciprocal-rank fusion: 1 / (k + rank).</summary>
    public int RrfK { get; set; } = 60;

    /// <summary>Weight of the lexical list (the dense list gets 1 - this), for both fusion methods.</summary>
    public double LexicalWeight { get; set; } = 0.5;

    public int DefaultLimit { get; set; } = 10;

    public int MaxLimit { get; set; } = 1000;
}

namespace SlmRag.Core.Retrieval;

public enum FusionMethod
{
    /// <summary>Sum of weight / (k + rank) over the lists a chunk appears in; robust to incomparable scores.</summary>
    ReciprocalRank,

    /// <summary>Sum of weight × min-max-normalised score; uses how far apart scores are, not only their order.</summary>
    WeightedScore,
}

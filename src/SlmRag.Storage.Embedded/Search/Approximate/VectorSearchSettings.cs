namespace SlmRag.Storage.Embedded.Search.Approximate;

/// <summary>
/// When and how a collection's vectors are searched approximately: above <paramref name="ApproximateAbove"/>
/// live vectors through an HNSW graph of <paramref name="M"/> links per node (twice that on the bottom level),
/// built with <paramref name="EfConstruction"/> candidates and searched with at least <paramref name="Ef"/>.
/// </summary>
internal sealed record VectorSearchSettings(int ApproximateAbove, int Ef, int M = 16, int EfConstruction = 128)
{
    public static VectorSearchSettings ExactOnly { get; } = new(int.MaxValue, 64);
}

using SlmRag.Core.Retrieval;
using SlmRag.Storage.Embedded.Search;
using SlmRag.Storage.Embedded.Search.Approximate;

namespace SlmRag.Storage.Embedded.Tests.Search.Approximate;

/// <summary>
/// 20,000 random unit vectors in 32 dimensions in an index forced onto its graph, built once for the
/// class: every 10th chunk has tag "t10", chunks 0-4 tag "rare", every 7th is readable by group "hr" only.
/// </summary>
public sealed class VectorCorpus
{
    public const int Count = 20_000;
    public const int Dimensions = 32;
    private const int PerDocument = 100;

    public VectorCorpus()
    {
        var random = new Random(5);
        Index = new CollectionIndex(new VectorSearchSettings(ApproximateAbove: 0, Ef: 64));
        for (var start = 0; start < Count; start += PerDocument)
        {
            Index.ReplaceDocument($"d{start}", Enumerable.Range(start, PerDocument).Select(i => Chunk(i, RandomUnit(random), start)).ToList());
        }

        Snapshot = Index.Publish(1);
        Queries = Enumerable.Range(0, 100).Select(_ => RandomUnit(random)).ToArray();
    }

    internal CollectionIndex Index { get; }

    internal IndexSnapshot Snapshot { get; }

    public float[][] Queries { get; }

    internal static IndexedChunk Chunk(int i, float[] vector, int document) =>
        new($"c{i}", $"d{document}", [], [], vector, i < 5 ? ["rare", "t10"] : i % 10 == 0 ? ["t10"] : [], i % 7 == 0 ? ["hr"] : []);

    public static float[] RandomUnit(Random random) =>
        VectorMath.Normalize(Enumerable.Range(0, Dimensions).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray());
}

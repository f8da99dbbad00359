namespace SlmRag.Core.Retrieval;

/// <summary>Fuses a lexical and a dense ranked list into one. Pure and thread-safe.</summary>
public static class ResultFusion
{
    public static List<RetrievedChunk> Fuse(IReadOnlyList<ScoredChunk> lexical, IReadOnlyList<ScoredChunk> dense, RetrievalOptions options, int limit) =>
        new PendingFusion(lexical, dense.Count).Fuse(dense, options, limit);
}

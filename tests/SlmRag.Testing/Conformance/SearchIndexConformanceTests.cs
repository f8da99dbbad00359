using SlmRag.Core.Chunking;
using SlmRag.Core.Collections;
using SlmRag.Core.Documents;
using SlmRag.Core.Retrieval;
using Xunit;

namespace SlmRag.Testing.Conformance;

/// <summary>
/// What every search store must do, run against each implementation (the embedded store always, Qdrant
/// where one is configured): write, replace and delete documents, filter by tags and access groups inside
/// the search, lexical, dense and hybrid search, an empty collection, a vector of the wrong size.
/// </summary>
public abstract class SearchIndexConformanceTests
{
    protected const int Dimensions = 4;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A collection name unique to the test, so implementations that share a server do not collide.</summary>
    protected string Collection { get; } = "conf-" + Guid.NewGuid().ToString("N")[..12];

    protected abstract ISearchIndex Index { get; }

    protected abstract Task CreateCollectionAsync(string collection);

    /// <summary>Replaces the document's chunks with these (written the way the implementation is fed in production).</summary>
    protected abstract Task WriteAsync(string collection, string documentId, IReadOnlyList<IndexableChunk> chunks);

    protected abstract Task DeleteAsync(string collection, string documentId);

    /// <summary>Hybrid search as the implementation offers it (fused on the server, or the retriever's fusion).</summary>
    protected virtual async Task<IReadOnlyList<ScoredChunk>> HybridAsync(string collection, string query, float[] vector, SearchFilter filter, int limit)
    {
        var lexical = await Index.SearchLexicalAsync(collection, query, filter, 50, Ct);
        var dense = await Index.SearchVectorAsync(collection, vector, filter, 50, Ct);
        var fused = ResultFusion.Fuse(lexical, dense, new RetrievalOptions { Fusion = FusionMethod.ReciprocalRank, LexicalWeight = 0.5 }, limit);
        return fused.Select((h, i) => new ScoredChunk(h.ChunkId, h.DocumentId, h.Score, i + 1)).ToList();
    }

    protected static IndexableChunk Item(string collection, string documentId, int ordinal, string text, float[] vector, string[]? tags = null, string[]? groups = null)
    {
        var chunk = new Chunk(DocumentIds.ForChunk(documentId, ordinal, text), documentId, collection, ordinal, "Title of " + documentId, ["Section"], 1, 1,
            ordinal * 1000, ordinal * 1000 + text.Length, 5, "h" + ordinal, text);
        return new IndexableChunk(chunk, "Title of " + documentId, "https://intranet.example/" + documentId, tags ?? [], groups ?? [], VectorMath.Normalize(vector).ToArray());
    }

    private async Task SeedAsync()
    {
        await CreateCollectionAsync(Collection);
        await WriteAsync(Collection, "leave", [Item(Collection, "leave", 0, "annual leave is twenty seven days per year", [1, 0, 0, 0], tags: ["policy"])]);
        await WriteAsync(Collection, "travel", [Item(Collection, "travel", 0, "trains are preferred for short trips", [0, 1, 0, 0], tags: ["policy", "travel"])]);
        await WriteAsync(Collection, "board", [Item(Collection, "board", 0, "the board bonus pool is secret", [0, 0, 1, 0], groups: ["board"])]);
    }

    [Fact]
    public async Task Lexical_and_dense_search_find_written_chunks_with_their_ids()
    {
        await SeedAsync();
        var lexical = await Index.SearchLexicalAsync(Collection, "annual leave days", SearchFilter.Everything, 10, Ct);
        var dense = await Index.SearchVectorAsync(Collection, VectorMath.Normalize(new float[] { 0, 0.9f, 0.1f, 0 }), SearchFilter.Everything, 10, Ct);
        Assert.Equal("leave", lexical[0].DocumentId);
        Assert.Equal(1, lexical[0].Rank);
        Assert.Equal(DocumentIds.ForChunk("leave", 0, "annual leave is twenty seven days per year"), lexical[0].ChunkId);
        Assert.Equal("travel", dense[0].DocumentId);
        Assert.True(dense[0].Score >= dense[^1].Score);
    }

    [Fact]
    public async Task Replacing_a_document_leaves_only_its_new_chunks_and_deleting_removes_it()
    {
        await SeedAsync();
        await WriteAsync(Collection, "leave", [Item(Collection, "leave", 0, "holidays are thirty days", [1, 0, 0, 0]), Item(Collection, "leave", 1, "carry over five holidays", [1, 0, 0, 0])]);
        var old = await Index.SearchLexicalAsync(Collection, "twenty seven", SearchFilter.Everything, 10, Ct);
        var current = await Index.SearchLexicalAsync(Collection, "holidays", SearchFilter.Everything, 10, Ct);
        Assert.Empty(old);
        Assert.Equal(2, current.Count);

        await DeleteAsync(Collection, "leave");
        Assert.Empty(await Index.SearchLexicalAsync(Collection, "holidays", SearchFilter.Everything, 10, Ct));
        Assert.DoesNotContain(await Index.SearchVectorAsync(Collection, new float[] { 1, 0, 0, 0 }, SearchFilter.Everything, 10, Ct), h => h.DocumentId == "leave");
    }

    [Fact]
    public async Task Tags_and_access_groups_filter_inside_the_search()
    {
        await SeedAsync();
        var travelOnly = await Index.SearchVectorAsync(Collection, new float[] { 1, 0, 0, 0 }, new SearchFilter(["travel"], []), 10, Ct);
        var anonymous = await Index.SearchVectorAsync(Collection, new float[] { 0, 0, 1, 0 }, SearchFilter.Public, 10, Ct);
        var board = await Index.SearchVectorAsync(Collection, new float[] { 0, 0, 1, 0 }, new SearchFilter([], ["board"]), 1, Ct);
        var lexicalAnonymous = await Index.SearchLexicalAsync(Collection, "board bonus pool", SearchFilter.Public, 10, Ct);

        Assert.Equal(["travel"], travelOnly.Select(h => h.DocumentId));
        Assert.DoesNotContain(anonymous, h => h.DocumentId == "board");
        Assert.Equal(2, anonymous.Count);
        Assert.Equal(["board"], board.Select(h => h.DocumentId));
        Assert.Empty(lexicalAnonymous);
    }

    [Fact]
    public async Task Hybrid_search_finds_what_either_retriever_finds()
    {
        await SeedAsync();
        var hits = await HybridAsync(Collection, "trains short trips", [0, 0, 0.2f, 0.98f], SearchFilter.Everything, 3);
        Assert.Equal("travel", hits[0].DocumentId);
        Assert.Contains(hits, h => h.DocumentId == "board");
    }

    [Fact]
    public async Task An_empty_collection_finds_nothing()
    {
        await CreateCollectionAsync(Collection);
        Assert.Empty(await Index.SearchLexicalAsync(Collection, "anything", SearchFilter.Everything, 10, Ct));
        Assert.Empty(await Index.SearchVectorAsync(Collection, new float[] { 1, 0, 0, 0 }, SearchFilter.Everything, 10, Ct));
    }

    [Fact]
    public async Task A_vector_of_another_size_is_refused()
    {
        await SeedAsync();
        var wrong = Item(Collection, "odd", 0, "a vector too long", [1, 0, 0, 0, 0, 0]);
        await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => WriteAsync(Collection, "odd", [wrong]));
    }
}

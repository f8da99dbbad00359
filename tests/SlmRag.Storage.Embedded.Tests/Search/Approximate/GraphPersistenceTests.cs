using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Chunking;
using SlmRag.Core.Collections;
using SlmRag.Core.Documents;
using SlmRag.Core.Retrieval;
using SlmRag.Core.Storage;
using SlmRag.Storage.Embedded.Search;
using SlmRag.Storage.Embedded.Search.Approximate;
using SlmRag.Storage.Embedded.Tests.Sqlite;

namespace SlmRag.Storage.Embedded.Tests.Search.Approximate;

/// <summary>The graph saved under the data directory: adopted at the next start, rebuilt from the catalog when lost or damaged.</summary>
public sealed class GraphPersistenceTests : IDisposable
{
    private const int Dimensions = 8;
    private static readonly EmbeddingModelFingerprint Model = new("test", Dimensions, "h");
    private readonly SqliteStoreFixture _fixture = new(new Dictionary<string, string?> { ["Storage:ApproximateSearchAbove"] = "0" });
    private readonly float[][] _queries;

    public GraphPersistenceTests()
    {
        var random = new Random(3);
        _queries = Enumerable.Range(0, 10).Select(_ => Unit(random)).ToArray();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private EmbeddedSearchIndex Index => (EmbeddedSearchIndex)_fixture.Services.GetRequiredService<ISearchIndex>();

    [Fact]
    public async Task The_graph_is_saved_and_adopted_at_the_next_start_with_the_same_results()
    {
        await SeedAsync();
        var before = await SearchAllAsync();
        Assert.False(Index.GraphAdopted("c"));

        _fixture.Restart();
        var after = await SearchAllAsync();

        Assert.True(File.Exists(Index.GraphPath("c")));
        Assert.True(Index.GraphAdopted("c"));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Chunks_written_while_the_service_was_down_join_the_adopted_graph()
    {
        await SeedAsync();
        await SearchAllAsync(); // builds the graph, saved when this process stops
        _fixture.Restart();
        await WriteAsync("late", 900, new Random(11)); // written before the first search of the new process
        var hits = await Index.SearchVectorAsync("c", _queries[0], SearchFilter.Everything, 400, Ct);

        Assert.True(Index.GraphAdopted("c"));
        Assert.Equal(310, hits.Count);
        Assert.Equal(10, hits.Count(h => h.DocumentId == "late"));
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("delete")]
    public async Task A_lost_or_damaged_graph_is_detected_at_start_and_rebuilt_from_the_catalog(string damage)
    {
        await SeedAsync();
        var before = await SearchAllAsync();
        _fixture.Restart();
        await SearchAllAsync();
        var path = Index.GraphPath("c");
        _fixture.Services.Dispose(); // stop the process before damaging its file
        var bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case "flip":
                bytes[bytes.Length / 2] ^= 0x5A;
                File.WriteAllBytes(path, bytes);
                break;
            case "truncate":
                File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);
                break;
            default:
                File.Delete(path);
                break;
        }

        _fixture.Restart();
        var after = await SearchAllAsync();

        Assert.False(Index.GraphAdopted("c"));
        Assert.Equal(before, after);
        _fixture.Restart(); // the rebuilt graph is saved again and reads back whole
        Assert.Equal(300, HnswFile.Load(path).ChunkIds.Count(id => id is not null));
    }

    public void Dispose() => _fixture.Dispose();

    private async Task SeedAsync()
    {
        var catalog = _fixture.Services.GetRequiredService<ICatalogStore>();
        await catalog.CreateCollectionAsync(new Collection("c", null, false, null, DateTimeOffset.UnixEpoch), Ct);
        var random = new Random(7);
        for (var d = 0; d < 30; d++)
        {
            await WriteAsync($"doc{d}", d, random);
        }
    }

    private async Task WriteAsync(string id, int seed, Random random)
    {
        var chunks = Enumerable.Range(0, 10).Select(o => new Chunk($"{id}-{o}", id, "c", o, id, [], null, null, 0, 1, 1, "h", $"text {seed} {o}")).ToList();
        var document = new DocumentRecord(id, "c", id, 1, "h", "fp", id, SourceFormat.Markdown, id, 1, 1, 1, chunks.Count,
            new DocumentMetadata([], null, []), "job/0", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        var vectors = chunks.Select(_ => (ReadOnlyMemory<float>)Unit(random)).ToList();
        await _fixture.Services.GetRequiredService<ICatalogStore>().ReplaceDocumentAsync(document, new DocumentContent("t", []), chunks, new ChunkEmbeddings(Model, vectors), Ct);
    }

    private async Task<List<string>> SearchAllAsync()
    {
        var all = new List<string>();
        foreach (var query in _queries)
        {
            all.AddRange((await Index.SearchVectorAsync("c", query, SearchFilter.Everything, 5, Ct)).Select(h => h.ChunkId));
        }

        return all;
    }

    private static float[] Unit(Random random) => VectorMath.Normalize(Enumerable.Range(0, Dimensions).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray());
}

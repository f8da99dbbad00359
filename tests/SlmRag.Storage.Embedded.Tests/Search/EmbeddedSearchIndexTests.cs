using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Chunking;
using SlmRag.Core.Collections;
using SlmRag.Core.Documents;
using SlmRag.Core.Retrieval;
using SlmRag.Core.Storage;
using SlmRag.Storage.Embedded.Tests.Sqlite;

namespace SlmRag.Storage.Embedded.Tests.Search;

/// <summary>The in-memory indexes over a real SQLite catalog: filters inside the search, and following every catalog change.</summary>
public sealed class EmbeddedSearchIndexTests : IDisposable
{
    private static readonly EmbeddingModelFingerprint ModelA = new("test-a", 3, "aaaa");
    private readonly SqliteStoreFixture _fixture = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ICatalogStore Catalog => _fixture.Services.GetRequiredService<ICatalogStore>();

    private ISearchIndex Index => _fixture.Services.GetRequiredService<ISearchIndex>();

    [Fact]
    public async Task A_chunk_the_caller_may_not_read_never_appears_even_as_the_best_match()
    {
        await Catalog.CreateCollectionAsync(new Collection("hr", null, false, null, DateTimeOffset.UnixEpoch), Ct);
        await WriteAsync("salaries.md", "board salaries bonus salaries salaries", [1, 0, 0], groups: ["board"]);
        await WriteAsync("bonus.md", "bonus rules for staff", [0.9f, 0.1f, 0], groups: ["staff"]);
        await WriteAsync("public.md", "salaries are paid monthly", [0.8f, 0, 0.2f]);

        var anonymous = await Index.SearchLexicalAsync("hr", "salaries bonus", SearchFilter.Public, 1, Ct);
        var staff = await Index.SearchLexicalAsync("hr", "salaries bonus", new SearchFilter([], ["staff"]), 10, Ct);
        var board = await Index.SearchLexicalAsync("hr", "salaries bonus", new SearchFilter([], ["board"]), 1, Ct);
        var staffDense = await Index.SearchVectorAsync("hr", new float[] { 1, 0, 0 }, new SearchFilter([], ["staff"]), 10, Ct);

        Assert.Equal([Id("public.md")], anonymous.Select(h => h.DocumentId));
        Assert.Equal(new[] { Id("bonus.md"), Id("public.md") }.Order(), staff.Select(h => h.DocumentId).Order());
        Assert.DoesNotContain(staff, h => h.DocumentId == Id("salaries.md"));
        Assert.Equal([Id("salaries.md")], board.Select(h => h.DocumentId));
        Assert.Equal([Id("bonus.md"), Id("public.md")], staffDense.Select(h => h.DocumentId));
        Assert.Equal([1, 2], staffDense.Select(h => h.Rank));
    }

    [Fact]
    public async Task Tags_filter_inside_the_search()
    {
        await Catalog.CreateCollectionAsync(new Collection("hr", null, false, null, DateTimeOffset.UnixEpoch), Ct);
        await WriteAsync("a.md", "travel travel travel policy", [1, 0, 0], tags: ["2025"]);
        await WriteAsync("b.md", "travel policy", [1, 0, 0], tags: ["2026"]);

        var hits = await Index.SearchLexicalAsync("hr", "travel", new SearchFilter(["2026"], []), 1, Ct);

        Assert.Equal([Id("b.md")], hits.Select(h => h.DocumentId));
    }

    [Fact]
    public async Task The_index_follows_replacements_deletions_and_metadata_from_another_process()
    {
        await Catalog.CreateCollectionAsync(new Collection("hr", null, false, null, DateTimeOffset.UnixEpoch), Ct);
        await WriteAsync("doc1.md", "annual leave is 25 days", [1, 0, 0]);
        Assert.Single(await Index.SearchLexicalAsync("hr", "leave", SearchFilter.Public, 10, Ct));

        // A second store over the same data directory plays the separate worker process.
        using var other = new ServiceCollection()
            .AddEmbeddedStorage(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = Path.GetDirectoryName(_fixture.DatabasePath) }).Build())
            .BuildServiceProvider();
        var otherCatalog = other.GetRequiredService<ICatalogStore>();
        await WriteAsync("doc1.md", "vacation is 30 days", [0, 1, 0], catalog: otherCatalog, version: 2);
        await WriteAsync("doc2.md", "sick leave rules", [0, 0, 1], catalog: otherCatalog);

        Assert.Equal([Id("doc2.md")], (await Index.SearchLexicalAsync("hr", "leave", SearchFilter.Public, 10, Ct)).Select(h => h.DocumentId));
        Assert.Equal([Id("doc1.md")], (await Index.SearchLexicalAsync("hr", "vacation", SearchFilter.Public, 10, Ct)).Select(h => h.DocumentId));

        await otherCatalog.UpdateMetadataAsync("hr", Id("doc2.md"), new DocumentMetadata([], null, ["hr"]), "job/9", Ct);
        Assert.Empty(await Index.SearchLexicalAsync("hr", "leave", SearchFilter.Public, 10, Ct));

        await otherCatalog.DeleteDocumentAsync("hr", Id("doc1.md"), Ct);
        Assert.DoesNotContain(await Index.SearchVectorAsync("hr", new float[] { 0, 1, 0 }, SearchFilter.Everything, 10, Ct), h => h.DocumentId == Id("doc1.md"));

        await otherCatalog.DeleteCollectionAsync("hr", Ct);
        await Catalog.CreateCollectionAsync(new Collection("hr", null, false, null, DateTimeOffset.UnixEpoch), Ct);
        Assert.Empty(await Index.SearchLexicalAsync("hr", "leave", SearchFilter.Everything, 10, Ct));
    }

    [Fact]
    public async Task The_change_log_keeps_one_entry_per_document_and_stays_correct()
    {
        await Catalog.CreateCollectionAsync(new Collection("hr", null, false, null, DateTimeOffset.UnixEpoch), Ct);
        await WriteAsync("doc1.md", "first text", [1, 0, 0]);
        Assert.Single(await Index.SearchLexicalAsync("hr", "first", SearchFilter.Public, 10, Ct));
        for (var version = 2; version <= 5; version++)
        {
            await WriteAsync("doc1.md", $"text number {version}", [1, 0, 0], version: version);
        }

        await WriteAsync("doc2.md", "other", [0, 1, 0]);

        Assert.Equal(2, await LogRowsAsync());
        Assert.Empty(await Index.SearchLexicalAsync("hr", "first", SearchFilter.Public, 10, Ct));
        Assert.Single(await Index.SearchLexicalAsync("hr", "5", SearchFilter.Public, 10, Ct));
        await Catalog.DeleteCollectionAsync("hr", Ct);
        Assert.Equal(1, await LogRowsAsync());
    }

    [Fact]
    public async Task Vectors_of_another_model_are_refused()
    {
        await Catalog.CreateCollectionAsync(new Collection("hr", null, false, null, DateTimeOffset.UnixEpoch), Ct);
        await WriteAsync("a.md", "alpha", [1, 0, 0]);

        var error = await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() =>
            WriteAsync("b.md", "beta", [1, 0, 0], model: ModelA with { Hash = "bbbb" }));

        Assert.Equal(ModelA, (await Catalog.GetCollectionAsync("hr", Ct))!.EmbeddingModel);
        Assert.Contains("slmrag reindex --collection hr", error.Message, StringComparison.Ordinal);
        Assert.Null(await Catalog.GetDocumentAsync("hr", Id("b.md"), Ct));
    }

    public void Dispose() => _fixture.Dispose();

    private async Task<long> LogRowsAsync()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_fixture.DatabasePath}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM index_log";
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private static string Id(string key) => DocumentIds.ForKey("hr", key);

    private async Task WriteAsync(string key, string text, float[] vector, string[]? groups = null, string[]? tags = null, ICatalogStore? catalog = null, int version = 1, EmbeddingModelFingerprint? model = null)
    {
        var id = Id(key);
        var document = new DocumentRecord(id, "hr", key, version, "h" + version, "fp", key, SourceFormat.Markdown, key, text.Length, 0, text.Length, 1,
            new DocumentMetadata(tags ?? [], null, groups ?? []), "job/0", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        var chunk = new Chunk(DocumentIds.ForChunk(id, 0, text), id, "hr", 0, key, [], null, null, 0, text.Length, 3, text, text);
        await (catalog ?? Catalog).ReplaceDocumentAsync(document, new DocumentContent(text, []), [chunk], new ChunkEmbeddings(model ?? ModelA, [VectorMath.Normalize(vector)]), Ct);
    }
}

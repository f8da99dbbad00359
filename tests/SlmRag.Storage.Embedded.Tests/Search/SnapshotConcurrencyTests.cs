using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Chunking;
using SlmRag.Core.Collections;
using SlmRag.Core.Documents;
using SlmRag.Core.Retrieval;
using SlmRag.Core.Storage;
using SlmRag.Storage.Embedded.Search;
using SlmRag.Storage.Embedded.Search.Approximate;
using SlmRag.Storage.Embedded.Tests.Sqlite;

namespace SlmRag.Storage.Embedded.Tests.Search;

/// <summary>Searches run concurrently with each other and with refreshes, and each sees one whole index version.</summary>
public sealed class SnapshotConcurrencyTests : IDisposable
{
    private const int ChunksPerDocument = 40;
    private static readonly EmbeddingModelFingerprint Model = new("test", 4, "h");
    private readonly SqliteStoreFixture _fixture = new(new Dictionary<string, string?> { ["Storage:ApproximateSearchAbove"] = "0" });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ISearchIndex Index => _fixture.Services.GetRequiredService<ISearchIndex>();

    [Fact]
    public async Task A_search_on_a_current_index_does_not_wait_for_a_refresh_in_progress()
    {
        await _fixture.Services.GetRequiredService<ICatalogStore>().CreateCollectionAsync(new Collection("c", null, false, null, DateTimeOffset.UnixEpoch), Ct);
        await WriteGenerationAsync(1);
        await Index.SearchLexicalAsync("c", "alpha", SearchFilter.Public, 1, Ct);

        var entry = ((EmbeddedSearchIndex)Index).Entry("c");
        await entry.WriteLock.WaitAsync(Ct); // a refresh holding the writer's lock
        try
        {
            var search = Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Index.SearchVectorAsync("c", new float[] { 1, 0, 0, 0 }, SearchFilter.Public, 5, Ct)));
            var finished = await Task.WhenAny(search, Task.Delay(TimeSpan.FromSeconds(20), Ct));

            Assert.Same(search, finished);
            Assert.All(await search, hits => Assert.Equal(5, hits.Count));
        }
        finally
        {
            entry.WriteLock.Release();
        }
    }

    [Fact]
    public async Task Searches_during_refreshes_see_a_whole_document_version_never_a_mix()
    {
        await _fixture.Services.GetRequiredService<ICatalogStore>().CreateCollectionAsync(new Collection("c", null, false, null, DateTimeOffset.UnixEpoch), Ct);
        var generationOf = new ConcurrentDictionary<string, int>();
        await WriteGenerationAsync(0, generationOf);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var searches = 0;
        var readers = Enumerable.Range(0, 3).Select(r => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var hits = r % 2 == 0
                    ? await Index.SearchLexicalAsync("c", "alpha", SearchFilter.Public, 1000, Ct)
                    : await Index.SearchVectorAsync("c", new float[] { 0.5f, 0.5f, 0.5f, 0.5f }, SearchFilter.Public, 1000, Ct);
                // One replaced document: every version holds exactly its 40 chunks, all of one generation.
                Assert.Equal(ChunksPerDocument, hits.Count);
                Assert.Single(hits.Select(h => generationOf[h.ChunkId]).Distinct());
                Interlocked.Increment(ref searches);
            }
        }, Ct)).ToList();
        // On a busy machine the pool may start the readers late: every generation waits for a search to overlap it.
        for (var generation = 1; generation <= 25; generation++)
        {
            var before = Volatile.Read(ref searches);
            while (Volatile.Read(ref searches) == before && readers.All(r => !r.IsCompleted))
            {
                await Task.Delay(5, Ct);
            }

            await WriteGenerationAsync(generation, generationOf);
            await Index.SearchLexicalAsync("c", "alpha", SearchFilter.Public, 1, Ct); // this refresh overlaps the readers'
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);
        Assert.True(searches > 25, $"{searches} searches");
    }

    [Fact]
    public async Task A_version_changing_several_documents_is_seen_whole_by_concurrent_readers()
    {
        var index = new CollectionIndex(new VectorSearchSettings(0, 32));
        IndexSnapshot current = Publish(index, 0);
        var stop = false;
        var checks = 0;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                var snapshot = Volatile.Read(ref current);
                var lexical = snapshot.SearchLexical(["alpha"], SearchFilter.Public, 1000, new Bm25Options());
                var dense = snapshot.SearchVector(new float[] { 1, 0, 0, 0 }, SearchFilter.Public, 1000);
                foreach (var hits in new[] { lexical, dense })
                {
                    Assert.Equal(3 * 10, hits.Count);
                    Assert.Single(hits.Select(h => h.ChunkId.Split('/')[0]).Distinct());
                }

                Interlocked.Increment(ref checks);
            }
        }, Ct)).ToList();

        // On a busy machine the pool may start the readers after a writer that does not wait has published every
        // version (then nothing was checked): each version waits for a check to overlap the one before it.
        for (var generation = 1; generation <= 200; generation++)
        {
            var before = Volatile.Read(ref checks);
            while (Volatile.Read(ref checks) == before && readers.All(r => !r.IsCompleted))
            {
                await Task.Delay(1, Ct);
            }

            Volatile.Write(ref current, Publish(index, generation));
        }

        Volatile.Write(ref stop, true);
        await Task.WhenAll(readers);
        Assert.True(checks >= 200, $"{checks} checks");
    }

    public void Dispose() => _fixture.Dispose();

    /// <summary>Replaces three documents of ten chunks each in one version, all chunk ids prefixed with the generation.</summary>
    private static IndexSnapshot Publish(CollectionIndex index, int generation)
    {
        var random = new Random(generation);
        foreach (var document in new[] { "a", "b", "c" })
        {
            index.ReplaceDocument(document, Enumerable.Range(0, 10).Select(i => new IndexedChunk($"g{generation}/{document}{i}", document, ["alpha", $"g{generation}"], [],
                VectorMath.Normalize(new float[] { 1, (float)random.NextDouble(), (float)random.NextDouble(), 0 }), [], [])).ToList());
        }

        return index.Publish(generation);
    }

    private async Task WriteGenerationAsync(int generation, ConcurrentDictionary<string, int>? generationOf = null)
    {
        var random = new Random(generation);
        var chunks = Enumerable.Range(0, ChunksPerDocument)
            .Select(o => new Chunk($"g{generation}-{o}", "d", "c", o, "d", [], null, null, 0, 1, 1, "h", $"alpha g{generation} {o}")).ToList();
        foreach (var chunk in chunks)
        {
            generationOf?.TryAdd(chunk.Id, generation);
        }

        var document = new DocumentRecord("d", "c", "d", generation + 1, "h" + generation, "fp", "d", SourceFormat.Markdown, "d", 1, 1, 1, chunks.Count,
            new DocumentMetadata([], null, []), "job/0", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        var vectors = chunks.Select(_ => (ReadOnlyMemory<float>)VectorMath.Normalize(Enumerable.Range(0, 4).Select(_ => (float)random.NextDouble()).ToArray())).ToList();
        await _fixture.Services.GetRequiredService<ICatalogStore>().ReplaceDocumentAsync(document, new DocumentContent("t", []), chunks, new ChunkEmbeddings(Model, vectors), Ct);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SlmRag.Core.Chunking;
using SlmRag.Core.Collections;
using SlmRag.Core.Retrieval;

namespace SlmRag.Storage.Qdrant.Tests;

/// <summary>
/// Request construction and error mapping against a scripted HTTP endpoint on 127.0.0.1 that records what
/// it receives. These are unit tests of the adapter's requests, not the conformance suite (which needs a
/// real Qdrant at QDRANT_URL).
/// </summary>
public sealed class QdrantRequestTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly List<(string Method, string Path, string ApiKey, JsonNode? Body)> _requests = [];
    private readonly Queue<(int Status, string Body)> _answers = new();
    private WebApplication? _server;
    private string _url = string.Empty;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.Run(async context =>
        {
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            lock (_requests)
            {
                _requests.Add((context.Request.Method, context.Request.Path + context.Request.QueryString, context.Request.Headers["api-key"].ToString(), body.Length > 0 ? JsonNode.Parse(body) : null));
            }

            var (status, answer) = _answers.Count > 0 ? _answers.Dequeue() : (200, """{"result":{"points":[]},"status":"ok"}""");
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer);
        });
        await _server.StartAsync();
        _url = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async ValueTask DisposeAsync() => await _server!.DisposeAsync();

    private (QdrantSearchIndex Index, QdrantIndexWriter Writer) Adapter(int retries = 2)
    {
        var options = Options.Create(new QdrantOptions { Url = _url, ApiKey = "secret", MaxRetries = retries, BatchSize = 2, TimeoutSeconds = 5 });
        var http = new QdrantHttp(new HttpClient(), options.Value);
        return (new QdrantSearchIndex(http, options), new QdrantIndexWriter(http, options, Options.Create(new Bm25Options())));
    }

    private static IndexableChunk Item(int ordinal, string text) =>
        new(new Chunk($"c{ordinal}", "doc", "hr", ordinal, "Leave", ["Policies", "Leave"], 2, 3, 10 * ordinal, 10 * ordinal + text.Length, 4, "h", text),
            "Leave policy", "https://intranet/leave", ["policy"], ["hr"], [0.6f, 0.8f]);

    [Fact]
    public async Task A_new_collection_gets_dense_and_sparse_vectors_and_keyword_indexes()
    {
        _answers.Enqueue((404, """{"status":{"error":"Not found: Collection `slmrag_hr` doesn't exist!"}}"""));
        await Adapter().Writer.EnsureCollectionAsync("hr", 384, Ct);

        Assert.Equal(("GET", "/collections/slmrag_hr"), (_requests[0].Method, _requests[0].Path));
        var create = _requests[1];
        Assert.Equal(("PUT", "/collections/slmrag_hr", "secret"), (create.Method, create.Path, create.ApiKey));
        Assert.Equal(384, create.Body!["vectors"]!["dense"]!["size"]!.GetValue<int>());
        Assert.Equal("Cosine", create.Body["vectors"]!["dense"]!["distance"]!.GetValue<string>());
        Assert.Equal("idf", create.Body["sparse_vectors"]!["lexical"]!["modifier"]!.GetValue<string>());
        Assert.Equal(["kind", "document_id", "tags", "access_groups"], _requests.Skip(2).Select(r => r.Body!["field_name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_existing_collection_of_another_size_is_a_model_mismatch()
    {
        _answers.Enqueue((200, """{"result":{"config":{"params":{"vectors":{"dense":{"size":100,"distance":"Cosine"}}}}},"status":"ok"}"""));
        await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => Adapter().Writer.EnsureCollectionAsync("hr", 384, Ct));
    }

    [Fact]
    public async Task Replacing_a_document_deletes_its_points_then_upserts_in_batches_with_stable_ids_and_full_payloads()
    {
        var chunks = new[] { Item(0, "annual leave days"), Item(1, "carry over"), Item(2, "sick leave") };
        await Adapter().Writer.ReplaceDocumentAsync("hr", "doc", chunks, Ct);
        await Adapter().Writer.ReplaceDocumentAsync("hr", "doc", chunks, Ct);

        var delete = _requests[0];
        Assert.Equal(("POST", "/collections/slmrag_hr/points/delete?wait=true"), (delete.Method, delete.Path));
        Assert.Equal("doc", delete.Body!["filter"]!["must"]![0]!["match"]!["value"]!.GetValue<string>());
        var upserts = _requests.Where(r => r.Method == "PUT").ToList();
        Assert.Equal([2, 1, 2, 1], upserts.Select(u => u.Body!["points"]!.AsArray().Count));
        var first = upserts[0].Body!["points"]![0]!;
        Assert.Equal(upserts[2].Body!["points"]![0]!["id"]!.GetValue<string>(), first["id"]!.GetValue<string>());
        Assert.True(Guid.TryParse(first["id"]!.GetValue<string>(), out _));
        var payload = first["payload"]!;
        var expected = Item(0, "annual leave days").Chunk;
        var read = QdrantPayload.Chunk(payload);
        Assert.Equal(expected.SectionPath, read.SectionPath);
        Assert.Equal(expected with { SectionPath = [] }, read with { SectionPath = [] });
        Assert.Equal("https://intranet/leave", payload["source_url"]!.GetValue<string>());
        Assert.Equal(["hr"], payload["access_groups"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(2, first["vector"]!["dense"]!.AsArray().Count);
        var sparse = first["vector"]!["lexical"]!;
        Assert.Equal(sparse["indices"]!.AsArray().Count, sparse["values"]!.AsArray().Count);
    }

    [Fact]
    public async Task Hybrid_search_prefetches_both_vectors_with_the_callers_filter_and_fuses_on_the_server()
    {
        _answers.Enqueue((200, """{"result":{"points":[{"id":"x","score":0.5,"payload":{"chunk_id":"c1","document_id":"doc"}}]},"status":"ok"}"""));
        var hits = await Adapter().Index.SearchHybridAsync("hr", "annual leave", new float[] { 0.6f, 0.8f }, new SearchFilter(["policy"], ["hr"]), 5, 50, Ct);

        Assert.Equal([new ScoredChunk("c1", "doc", 0.5, 1)], hits);
        var body = _requests.Single().Body!;
        Assert.Equal("rrf", body["query"]!["fusion"]!.GetValue<string>());
        Assert.Equal(["dense", "lexical"], body["prefetch"]!.AsArray().Select(p => p!["using"]!.GetValue<string>()));
        var must = body["filter"]!["must"]!.AsArray();
        Assert.Equal("policy", must[0]!["match"]!["value"]!.GetValue<string>());
        Assert.Equal("access_groups", must[1]!["should"]![0]!["is_empty"]!["key"]!.GetValue<string>());
        Assert.Equal(["hr"], must[1]!["should"]![1]!["match"]!["any"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(must.ToJsonString(), body["prefetch"]![0]!["filter"]!["must"]!.ToJsonString());
    }

    [Fact]
    public async Task Transient_errors_are_retried_and_others_fail_at_once_with_qdrants_message()
    {
        _answers.Enqueue((503, """{"status":{"error":"overloaded"}}"""));
        _answers.Enqueue((200, """{"result":{"count":7},"status":"ok"}"""));
        Assert.Equal(7, await Adapter().Writer.CountAsync("hr", Ct));
        Assert.Equal(2, _requests.Count);

        _requests.Clear();
        _answers.Enqueue((400, """{"status":{"error":"Wrong input: vector dimension error"}}"""));
        var error = await Assert.ThrowsAsync<QdrantException>(() => Adapter().Index.SearchVectorAsync("hr", new float[] { 1, 0 }, SearchFilter.Everything, 5, Ct));
        Assert.Equal(400, error.StatusCode);
        Assert.Contains("vector dimension error", error.Message);
        Assert.Single(_requests);
    }

    [Fact]
    public void Sparse_vectors_hash_the_analyzers_terms_stably_with_sorted_unique_indices()
    {
        var (indices, values) = SparseEncoder.Document("Employees employ employees", "Leave", 0.3);
        Assert.Equal(indices.Order(), indices);
        Assert.Equal(indices.Length, indices.Distinct().Count());
        Assert.Equal(SparseEncoder.Hash("employe"), SparseEncoder.Query("employees").Indices.Single());
        Assert.All(values, v => Assert.True(v > 0));
    }

    [Fact]
    public async Task A_query_replica_reads_collections_chunks_and_documents_from_qdrant_alone_and_refuses_writes()
    {
        var options = Options.Create(new QdrantOptions { Url = _url, MaxRetries = 0 });
        var http = new QdrantHttp(new HttpClient(), options.Value);
        var reader = new QdrantCatalogReader(http, options);
        var collection = new Collection("hr", "HR", true, new EmbeddingModelFingerprint("m", 2, "h"), DateTimeOffset.UnixEpoch);
        var item = Item(0, "annual leave days");
        var described = QdrantPayload.CollectionPoint(collection);
        var chunkPoint = QdrantPayload.Point(item, 0.3);
        _answers.Enqueue((200, new JsonObject { ["result"] = new JsonArray { described }, ["status"] = "ok" }.ToJsonString()));
        _answers.Enqueue((200, new JsonObject { ["result"] = new JsonArray { chunkPoint.DeepClone() }, ["status"] = "ok" }.ToJsonString()));
        _answers.Enqueue((200, new JsonObject { ["result"] = new JsonObject { ["points"] = new JsonArray { chunkPoint.DeepClone() } }, ["status"] = "ok" }.ToJsonString()));

        var found = await reader.GetCollectionAsync("hr", Ct);
        var chunks = await reader.GetChunksByIdAsync("hr", ["c0"], Ct);
        var document = await reader.GetDocumentAsync("hr", "doc", Ct);

        Assert.Equal(collection, found);
        Assert.Equal(QdrantNames.PointId("hr", "c0"), _requests[1].Body!["ids"]![0]!.GetValue<string>());
        Assert.Equal("annual leave days", Assert.Single(chunks).Text);
        Assert.Equal(("Leave policy", "https://intranet/leave"), (document!.Title, document.Metadata.SourceUrl));
        Assert.Equal(["hr"], document.Metadata.AccessGroups);
        Assert.Equal("/collections/slmrag_hr/points/scroll", _requests[2].Path);
        Assert.Null(await reader.GetContentAsync("hr", "doc", Ct));
        await Assert.ThrowsAsync<NotSupportedException>(() => reader.DeleteDocumentAsync("hr", "doc", Ct));
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using SlmRag.Core.Ingestion;
using SlmRag.Core.Jobs;
using SlmRag.Core.Retrieval;
using SlmRag.Testing;
using static SlmRag.Api.Apis.SearchApi;

namespace SlmRag.Api.Tests.Apis;

public sealed class SearchApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<IngestionJob> UploadAsync(HttpClient client, string collection, string name, string text, string? groups = null)
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(text));
        part.Headers.ContentType = new MediaTypeHeaderValue("text/markdown");
        form.Add(part, "files", name);
        if (groups is not null)
        {
            form.Add(new StringContent(groups), "accessGroups");
        }

        var response = await client.PostAsync($"/v1/collections/{collection}/documents", form, Ct);
        return await SlmRagApiFactory.WaitForJobAsync(client, response.Headers.Location!);
    }

    private static Dictionary<string, string?> DenseSettings(TempDirectory models, string tableName = "tiny.slmvec")
    {
        var path = Path.Combine(models.Path, tableName);
        TinyWordVectors.Write(path);
        return new Dictionary<string, string?> { ["Embeddings:Provider"] = "Static", ["Embeddings:Static:Path"] = path };
    }

    [Fact]
    public async Task Hybrid_search_returns_cited_chunks_with_each_retrievers_evidence_and_hides_restricted_documents()
    {
        using var models = new TempDirectory();
        using var factory = new SlmRagApiFactory(DenseSettings(models));
        var client = await factory.ClientWithCollectionAsync("hb");
        await UploadAsync(client, "hb", "leave.md", "# Annual leave\n\nEmployees get 27 vacation days each year.");
        await UploadAsync(client, "hb", "pay.md", "# Pay\n\nSalary and bonus are paid monthly.");
        await UploadAsync(client, "hb", "board.md", "# Board leave\n\nVacation days vacation days of the board: 40 vacation days.", groups: "board");

        var response = await client.PostAsJsonAsync("/v1/collections/hb/search", new { query = "how many vacation days", limit = 5 }, Ct);
        var result = await response.Content.ReadFromJsonAsync<SearchResponse>(SlmRagApiFactory.Json, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var top = result!.Hits[0];
        Assert.Equal("Annual leave", top.Chunk.Title);
        Assert.Equal(["Annual leave"], top.Chunk.SectionPath);
        Assert.Contains("27 vacation days", top.Chunk.Text, StringComparison.Ordinal);
        Assert.NotNull(top.Lexical);
        Assert.NotNull(top.Dense);
        Assert.DoesNotContain(result.Hits, h => h.Chunk.Text.Contains("board", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(RetrievalMode.Hybrid, result.Mode);
    }

    [Fact]
    public async Task Dense_search_finds_the_topic_without_shared_words()
    {
        using var models = new TempDirectory();
        using var factory = new SlmRagApiFactory(DenseSettings(models));
        var client = await factory.ClientWithCollectionAsync("hb");
        await UploadAsync(client, "hb", "leave.md", "# Time off\n\nAnnual leave, sick leave and parental leave.");
        await UploadAsync(client, "hb", "it.md", "# IT\n\nPasswords, phishing and laptop encryption.");

        var lexical = await client.PostAsJsonAsync("/v1/collections/hb/search", new { query = "holiday vacation", mode = "Lexical" }, Ct);
        var dense = await client.PostAsJsonAsync("/v1/collections/hb/search", new { query = "holiday vacation", mode = "Dense", limit = 1 }, Ct);

        Assert.Empty((await lexical.Content.ReadFromJsonAsync<SearchResponse>(SlmRagApiFactory.Json, Ct))!.Hits);
        Assert.Equal("Time off", (await dense.Content.ReadFromJsonAsync<SearchResponse>(SlmRagApiFactory.Json, Ct))!.Hits.Single().Chunk.Title);
    }

    [Fact]
    public async Task The_default_MiniLM_model_ranks_a_paraphrase_first_in_dense_search()
    {
        using var factory = new SlmRagApiFactory(new Dictionary<string, string?> { ["Embeddings:Provider"] = "MiniLM" });
        var client = await factory.ClientWithCollectionAsync("hb");
        await UploadAsync(client, "hb", "leave.md", "# Time off\n\nEach employee is entitled to 27 days of paid annual leave.");
        await UploadAsync(client, "hb", "it.md", "# IT\n\nPasswords must be changed after a phishing incident.");
        await UploadAsync(client, "hb", "office.md", "# Office\n\nThe canteen opens at noon on weekdays.");

        var dense = await client.PostAsJsonAsync("/v1/collections/hb/search", new { query = "how much holiday do I get", mode = "Dense", limit = 3 }, Ct);
        var hits = (await dense.Content.ReadFromJsonAsync<SearchResponse>(SlmRagApiFactory.Json, Ct))!.Hits;

        Assert.Equal(HttpStatusCode.OK, dense.StatusCode);
        Assert.Equal("Time off", hits[0].Chunk.Title);
        Assert.Equal(3, hits.Count);
        Assert.True(hits[0].Dense!.Score > hits[1].Dense!.Score);
    }

    [Fact]
    public async Task Another_embedding_model_is_refused_for_search_and_for_ingestion()
    {
        using var models = new TempDirectory();
        using var data = new TempDirectory();
        var first = DenseSettings(models);
        first["Storage:DataDirectory"] = data.Path;
        using (var factory = new SlmRagApiFactory(first))
        {
            var client = await factory.ClientWithCollectionAsync("hb");
            await UploadAsync(client, "hb", "leave.md", "# Leave\n\nAnnual leave.");
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var second = DenseSettings(models, "other.slmvec");
        second["Embeddings:Static:Smoothing"] = "0.05";
        second["Storage:DataDirectory"] = data.Path;
        using var other = new SlmRagApiFactory(second);
        var otherClient = other.CreateClient();

        var search = await otherClient.PostAsJsonAsync("/v1/collections/hb/search", new { query = "leave" }, Ct);
        var job = await UploadAsync(otherClient, "hb", "sick.md", "# Sick\n\nSick leave.");

        Assert.Equal(HttpStatusCode.Conflict, search.StatusCode);
        Assert.Contains("slmrag reindex", await search.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(IngestionError.EmbeddingModelMismatch, job.Items[0].Error);
    }

    [Fact]
    public async Task Bad_requests_get_problem_details()
    {
        using var factory = new SlmRagApiFactory();
        var client = await factory.ClientWithCollectionAsync("hb");

        var empty = await client.PostAsJsonAsync("/v1/collections/hb/search", new { query = " " }, Ct);
        var tooMany = await client.PostAsJsonAsync("/v1/collections/hb/search", new { query = "x", limit = 100_000 }, Ct);
        var missing = await client.PostAsJsonAsync("/v1/collections/nope/search", new { query = "x" }, Ct);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.NotFound), (empty.StatusCode, tooMany.StatusCode, missing.StatusCode));
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
    }
}

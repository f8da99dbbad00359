using System.Net;
using System.Net.Http.Json;
using SlmRag.Core.Storage;

namespace SlmRag.Api.Tests.Apis;

public sealed class CollectionsApiTests : IDisposable
{
    private readonly SlmRagApiFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_list_get_and_delete()
    {
        var client = _factory.CreateClient();

        var created = await client.PostAsJsonAsync("/v1/collections", new { name = "handbook", description = "HR", localOnly = true }, Ct);
        var duplicate = await client.PostAsJsonAsync("/v1/collections", new { name = "handbook" }, Ct);
        var list = await client.GetFromJsonAsync<List<CollectionSummary>>("/v1/collections", SlmRagApiFactory.Json, Ct);
        var one = await client.GetFromJsonAsync<CollectionSummary>("/v1/collections/handbook", SlmRagApiFactory.Json, Ct);
        var deleted = await client.DeleteAsync("/v1/collections/handbook", Ct);
        var missing = await client.GetAsync("/v1/collections/handbook", Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/v1/collections/handbook", created.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("application/problem+json", duplicate.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["handbook"], list!.Select(c => c.Collection.Name));
        Assert.True(one!.Collection.LocalOnly);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("POST /v1/collections", await missing.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Upper")]
    [InlineData("../x")]
    [InlineData("has space")]
    public async Task Invalid_names_get_a_validation_problem(string name)
    {
        var response = await _factory.CreateClient().PostAsJsonAsync("/v1/collections", new { name }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("lower-case", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_and_health_are_served()
    {
        var client = _factory.CreateClient();

        var openapi = await client.GetStringAsync("/openapi/v1.json", Ct);
        var health = await client.GetStringAsync("/healthz", Ct);

        Assert.Contains("/v1/collections/{collection}/documents", openapi, StringComparison.Ordinal);
        Assert.Contains("/v1/jobs/{jobId}", openapi, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"ok\"", health, StringComparison.Ordinal);
    }

    public void Dispose() => _factory.Dispose();
}

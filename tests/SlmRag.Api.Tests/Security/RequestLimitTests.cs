using System.Net;
using System.Net.Http.Json;
using SlmRag.Api.Hosting;

namespace SlmRag.Api.Tests.Security;

/// <summary>Body limits hold under the test server as under Kestrel; guessing keys or link signatures is rate-limited.</summary>
public sealed class RequestLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_endpoint_that_reads_a_body_refuses_one_over_its_limit()
    {
        using var factory = new SlmRagApiFactory();
        var client = await factory.ClientWithCollectionAsync("docs");
        var big = new string('x', 2 * 1024 * 1024);

        var search = await client.PostAsJsonAsync("/v1/collections/docs/search", new { query = big }, Ct);
        var create = await client.PostAsJsonAsync("/v1/collections", new { name = "other", description = big }, Ct);
        var ask = await client.PostAsJsonAsync("/v1/collections/docs/ask", new { question = big }, Ct);
        // Chunked, without a declared length: the limit is met while reading.
        using var chunked = new StreamContent(new UnknownLengthStream(System.Text.Encoding.UTF8.GetBytes($"{{\"query\":\"{big}\"}}")));
        chunked.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var streamed = await client.PostAsync("/v1/collections/docs/search", chunked, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, search.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, create.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, ask.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
        Assert.Equal("application/problem+json", search.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/v1/collections/docs/search", new { query = "fine" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Failed_authentication_and_viewer_links_are_rate_limited_per_address()
    {
        var settings = SlmRagApiFactory.Keys(("ops", "slm_admin", ["admin"], [], []));
        settings["Auth:UnauthenticatedRequestsPerMinute"] = "3";
        using var factory = new SlmRagApiFactory(settings);
        var guesser = factory.CreateClient("slm_guess");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await guesser.GetAsync("/v1/collections", Ct)).StatusCode);
        }

        var limited = await guesser.GetAsync("/v1/collections", Ct);
        var viewer = await factory.CreateClient().GetAsync("/view/docs/abc?g=x&exp=1&sig=0", Ct);
        var valid = await factory.CreateClient("slm_admin").GetAsync("/v1/collections", Ct);
        var health = await factory.CreateClient().GetAsync("/healthz/live", Ct);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.TooManyRequests, viewer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public void A_full_disk_is_answered_507_and_a_read_only_one_503()
    {
        Assert.SkipUnless(File.Exists("/dev/full"), "Needs /dev/full, which fails every write with ENOSPC.");
        var full = Assert.ThrowsAny<IOException>(() =>
        {
            using var stream = new FileStream("/dev/full", FileMode.Open, FileAccess.Write);
            stream.Write(new byte[4096]);
            stream.Flush();
        });
        var readOnly = new UnauthorizedAccessException("Access to the path '/data/blobs/tmp/x' is denied.");

        Assert.Equal(507, RequestFaultExceptionHandler.Classify(full).Status);
        Assert.Equal(503, RequestFaultExceptionHandler.Classify(readOnly).Status);
        Assert.Equal(0, RequestFaultExceptionHandler.Classify(new InvalidOperationException("a bug")).Status);
    }

    private sealed class UnknownLengthStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}

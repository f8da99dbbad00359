using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SlmRag.Answers;
using SlmRag.Core.Documents;

namespace SlmRag.Api.Tests.Apis;

public sealed class AskApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> KeySettings = SlmRagApiFactory.Keys(
        ("ops", "slm_admin", ["admin"], [], []),
        ("staff", "slm_staff", ["query"], ["policies"], ["staff"]),
        ("board", "slm_board", ["query"], ["policies"], ["board"]),
        ("loader", "slm_loader", ["ingest"], ["policies"], []));

    [Fact]
    public async Task Answers_with_citations_that_open_the_cited_passage_in_the_viewer()
    {
        using var factory = new SlmRagApiFactory();
        var client = await factory.ClientWithCollectionAsync("policies");
        await AnswerDocuments.UploadAsync(client, "policies");

        var response = await client.PostAsJsonAsync("/v1/collections/policies/ask", new { question = "How many days of paid annual leave do full-time employees get?" }, Ct);
        var answer = await response.Content.ReadFromJsonAsync<AnswerResult>(SlmRagApiFactory.Json, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(answer!.Abstained);
        Assert.Contains("27 days", answer.Text);
        Assert.Equal("extractive", answer.Model);
        var citation = Assert.Single(answer.Citations);
        Assert.Equal(DocumentIds.ForKey("policies", "leave.md"), citation.DocumentId);
        Assert.Contains($"[{citation.Number}]", answer.Text);
        Assert.Equal("https://intranet.example/policies", citation.SourceUrl);
        var viewer = await client.GetStringAsync(citation.ViewUrl, Ct);
        Assert.Contains($"<mark id=\"cited\">{citation.Snippet}</mark>", viewer);
    }

    [Fact]
    public async Task Streams_deltas_then_citations_then_done_as_server_sent_events()
    {
        using var factory = new SlmRagApiFactory();
        var client = await factory.ClientWithCollectionAsync("policies");
        await AnswerDocuments.UploadAsync(client, "policies");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/collections/policies/ask") { Content = JsonContent.Create(new { question = "What is the hotel limit in Amsterdam?" }) };
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        var events = ParseEvents(await response.Content.ReadAsStringAsync(Ct));

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("delta", events[0].Event);
        Assert.Equal(["citations", "done"], events.Skip(events.Count - 2).Select(e => e.Event));
        var text = string.Concat(events.Where(e => e.Event == "delta").Select(e => e.Data.GetProperty("text").GetString()));
        Assert.Contains("180 euros", text);
        Assert.Equal(text, events[^1].Data.GetProperty("text").GetString());
        Assert.Equal(DocumentIds.ForKey("policies", "travel.md"), events[^2].Data.GetProperty("citations")[0].GetProperty("documentId").GetString());
    }

    [Fact]
    public async Task Abstains_with_the_closest_sources_when_the_documents_do_not_say()
    {
        using var factory = new SlmRagApiFactory();
        var client = await factory.ClientWithCollectionAsync("policies");
        await AnswerDocuments.UploadAsync(client, "policies");

        var answer = await (await client.PostAsJsonAsync("/v1/collections/policies/ask", new { question = "Can I bring my dog to the office?" }, Ct))
            .Content.ReadFromJsonAsync<AnswerResult>(SlmRagApiFactory.Json, Ct);

        Assert.True(answer!.Abstained);
        Assert.Equal(AnswerService.NotFoundText, answer.Text);
    }

    [Fact]
    public async Task A_follow_up_in_a_conversation_is_searched_with_the_earlier_question()
    {
        using var factory = new SlmRagApiFactory();
        var client = await factory.ClientWithCollectionAsync("policies");
        await AnswerDocuments.UploadAsync(client, "policies");

        await client.PostAsJsonAsync("/v1/collections/policies/ask", new { question = "What is the hotel limit in Amsterdam?", conversationId = "c1" }, Ct);
        var followUp = await (await client.PostAsJsonAsync("/v1/collections/policies/ask", new { question = "And when should I take the train?", conversationId = "c1" }, Ct))
            .Content.ReadFromJsonAsync<AnswerResult>(SlmRagApiFactory.Json, Ct);
        var alone = await (await client.PostAsJsonAsync("/v1/collections/policies/ask", new { question = "And when should I take the train?" }, Ct))
            .Content.ReadFromJsonAsync<AnswerResult>(SlmRagApiFactory.Json, Ct);

        Assert.Contains("Amsterdam", followUp!.SearchQuery);
        Assert.Equal("And when should I take the train?", alone!.SearchQuery);
        Assert.Contains("train", followUp.Text);
    }

    [Fact]
    public async Task Keys_are_required_scoped_and_see_only_their_collections_and_groups()
    {
        using var factory = new SlmRagApiFactory(KeySettings);
        var admin = await factory.ClientWithCollectionAsync("policies", "slm_admin");
        await factory.CreateClient("slm_admin").PostAsJsonAsync("/v1/collections", new { name = "secret" }, Ct);
        await AnswerDocuments.UploadAsync(admin, "policies");
        var question = new { question = "How large is the board bonus pool for 2026?" };

        var anonymous = await factory.CreateClient().PostAsJsonAsync("/v1/collections/policies/ask", question, Ct);
        var wrongKey = await factory.CreateClient("slm_nope").PostAsJsonAsync("/v1/collections/policies/ask", question, Ct);
        var loader = await factory.CreateClient("slm_loader").PostAsJsonAsync("/v1/collections/policies/ask", question, Ct);
        var otherCollection = await factory.CreateClient("slm_staff").PostAsJsonAsync("/v1/collections/secret/ask", question, Ct);
        var staff = await (await factory.CreateClient("slm_staff").PostAsJsonAsync("/v1/collections/policies/ask", question, Ct)).Content.ReadFromJsonAsync<AnswerResult>(SlmRagApiFactory.Json, Ct);
        var board = await (await factory.CreateClient("slm_board").PostAsJsonAsync("/v1/collections/policies/ask", question, Ct)).Content.ReadFromJsonAsync<AnswerResult>(SlmRagApiFactory.Json, Ct);
        var staffSearch = await factory.CreateClient("slm_staff").PostAsJsonAsync("/v1/collections/policies/search", new { query = "board bonus pool" }, Ct);
        var staffCollections = await factory.CreateClient("slm_staff").GetStringAsync("/v1/collections", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, loader.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherCollection.StatusCode);
        var boardDocument = DocumentIds.ForScope("policies", "board.md", ["board"]);
        Assert.DoesNotContain(staff!.Citations, c => c.DocumentId == boardDocument);
        Assert.DoesNotContain("740,000", staff.Text);
        Assert.Contains(board!.Citations, c => c.DocumentId == boardDocument);
        Assert.Contains("740,000", board.Text);
        Assert.DoesNotContain("740,000", await staffSearch.Content.ReadAsStringAsync(Ct));
        Assert.DoesNotContain("secret", staffCollections);

        // A viewer link works only as issued: another document, or a widened group list, is refused.
        var link = board.Citations.First(c => c.DocumentId == boardDocument).ViewUrl!;
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync(link, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync(link.Replace("g=board", "g=%2A"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync(link.Replace(boardDocument, DocumentIds.ForKey("policies", "leave.md")), Ct)).StatusCode);
    }

    [Fact]
    public async Task A_publishable_key_works_only_from_its_origins_and_gets_cors_headers()
    {
        var settings = SlmRagApiFactory.Keys(("ops", "slm_admin", ["admin"], [], []), ("widget", "slm_widget", ["query"], ["policies"], []));
        settings["Auth:Keys:1:Publishable"] = "true";
        settings["Auth:Keys:1:Origins:0"] = "https://intranet.example";
        using var factory = new SlmRagApiFactory(settings);
        var admin = await factory.ClientWithCollectionAsync("policies", "slm_admin");
        await AnswerDocuments.UploadAsync(admin, "policies");

        async Task<HttpResponseMessage> Ask(string? origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/collections/policies/ask") { Content = JsonContent.Create(new { question = "What is the hotel limit in Amsterdam, and the board bonus pool for 2026?" }) };
            request.Headers.Authorization = new("Bearer", "slm_widget");
            if (origin is not null)
            {
                request.Headers.Add("Origin", origin);
            }

            return await factory.CreateClient().SendAsync(request, Ct);
        }

        var allowed = await Ask("https://intranet.example");
        Assert.DoesNotContain("740,000", await allowed.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("https://intranet.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Ask("https://evil.example")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Ask(null)).StatusCode);

        using var upload = new HttpRequestMessage(HttpMethod.Get, "/v1/jobs");
        upload.Headers.Authorization = new("Bearer", "slm_widget");
        upload.Headers.Add("Origin", "https://intranet.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await factory.CreateClient().SendAsync(upload, Ct)).StatusCode);
    }

    [Fact]
    public async Task Requests_over_the_key_limit_get_429_with_retry_after()
    {
        var settings = SlmRagApiFactory.Keys(("ops", "slm_admin", ["admin"], [], []));
        // Three a minute: creating the collection takes one, so two questions pass and the third is refused.
        settings["Auth:Keys:0:RequestsPerMinute"] = "3";
        using var factory = new SlmRagApiFactory(settings);
        var client = await factory.ClientWithCollectionAsync("policies", "slm_admin");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last = await client.PostAsJsonAsync("/v1/collections/policies/ask", new { question = "leave" }, Ct);
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("60", last!.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task Bad_questions_get_problem_details()
    {
        using var factory = new SlmRagApiFactory();
        var client = await factory.ClientWithCollectionAsync("policies");
        var huge = await client.PostAsJsonAsync("/v1/collections/policies/ask", new { question = new string('x', 100_000) }, Ct);
        // Kestrel answers 413 before reading; the in-memory test server does not enforce body limits, so validation answers 400.
        Assert.Contains(huge.StatusCode, new[] { HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.BadRequest });
        Assert.Equal("application/problem+json", huge.Content.Headers.ContentType!.MediaType);
        var empty = await client.PostAsJsonAsync("/v1/collections/policies/ask", new { question = " " }, Ct);
        var missing = await client.PostAsJsonAsync("/v1/collections/nope/ask", new { question = "leave?" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
    }

    internal static List<(string Event, JsonElement Data)> ParseEvents(string body) =>
        body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(block =>
        {
            var lines = block.Split('\n');
            var name = lines.FirstOrDefault(l => l.StartsWith("event: ", StringComparison.Ordinal))?["event: ".Length..] ?? "message";
            var data = string.Concat(lines.Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l["data: ".Length..]));
            return (name, data == "[DONE]" ? default : JsonDocument.Parse(data).RootElement);
        }).ToList();
}

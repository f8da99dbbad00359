using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SlmRag.Core.Documents;
using SlmRag.Core.Jobs;
using SlmRag.Core.Storage;
using SlmRag.Api.Tests.Apis;

namespace SlmRag.Api.Tests.Security;

/// <summary>
/// A key with group "eng" against a collection holding a "board" document: it can neither read, count, confirm,
/// replace nor delete it, over REST, jobs, the OpenAI-compatible endpoint, the widget's ask endpoint and the viewer.
/// </summary>
public sealed class AccessControlTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly SlmRagApiFactory _factory;

    public AccessControlTests()
    {
        var settings = SlmRagApiFactory.Keys(("ops", "slm_admin", ["admin"], [], []), ("eng", "slm_eng", ["ingest", "query"], [], ["eng"]),
            ("hr", "slm_hr", ["ingest", "query"], [], ["hr"]));
        settings["Auth:Keys:3:Name"] = "widget";
        settings["Auth:Keys:3:Hash"] = SlmRag.Api.Security.ApiKeyHasher.Hash("slm_widget");
        settings["Auth:Keys:3:Publishable"] = "true";
        settings["Auth:Keys:3:Origins:0"] = "https://intranet.example";
        _factory = new SlmRagApiFactory(settings);
    }

    private static string BoardId => DocumentIds.ForScope("policies", "board.md", ["board"]);

    [Fact]
    public async Task A_key_outside_the_documents_groups_cannot_read_count_confirm_replace_or_delete_it()
    {
        var admin = await _factory.ClientWithCollectionAsync("policies", "slm_admin");
        await AnswerDocuments.UploadAsync(admin, "policies");
        var eng = _factory.CreateClient("slm_eng");

        // Count: neither the list's total nor the collection summary counts the hidden document.
        var page = await eng.GetFromJsonAsync<DocumentPage>("/v1/collections/policies/documents", SlmRagApiFactory.Json, Ct);
        Assert.Equal(2, page!.Total);
        Assert.DoesNotContain(page.Documents, d => d.Id == BoardId);
        using (var summary = JsonDocument.Parse(await eng.GetStringAsync("/v1/collections/policies", Ct)))
        {
            Assert.Equal(2, summary.RootElement.GetProperty("documents").GetInt32());
        }

        using (var listed = JsonDocument.Parse(await eng.GetStringAsync("/v1/collections", Ct)))
        {
            Assert.Equal(2, listed.RootElement[0].GetProperty("documents").GetInt32());
        }

        // Read and confirm: the same 404 as for a document that does not exist.
        var missing = DocumentIds.ForKey("policies", "does-not-exist.md");
        foreach (var path in new[] { $"/v1/collections/policies/documents/{BoardId}", $"/v1/collections/policies/documents/{BoardId}/chunks" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await eng.GetAsync(path, Ct)).StatusCode);
        }

        var deleteHidden = await eng.DeleteAsync($"/v1/collections/policies/documents/{BoardId}", Ct);
        var deleteMissing = await eng.DeleteAsync($"/v1/collections/policies/documents/{missing}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, deleteHidden.StatusCode);
        using (var a = JsonDocument.Parse(await deleteMissing.Content.ReadAsStringAsync(Ct)))
        using (var b = JsonDocument.Parse(await deleteHidden.Content.ReadAsStringAsync(Ct)))
        {
            Assert.Equal(a.RootElement.GetProperty("detail").GetString(), b.RootElement.GetProperty("detail").GetString()!.Replace(BoardId, missing, StringComparison.Ordinal));
            Assert.Equal(a.RootElement.GetProperty("title").GetString(), b.RootElement.GetProperty("title").GetString());
        }

        // Replace: an upload under the hidden document's key writes the uploader's own (public) document; the hidden one is untouched.
        var (status, upload) = await UploadAsync(eng, "policies", "board.md", "# Board compensation\n\nNothing to see.\n", null);
        Assert.Equal(HttpStatusCode.Accepted, status);
        var own = Assert.Single((await SlmRagApiFactory.WaitForJobAsync(eng, new Uri($"/v1/jobs/{upload!.Id}", UriKind.Relative))).Items);
        Assert.Equal((JobItemState.Succeeded, DocumentIds.ForKey("policies", "board.md")), (own.State, own.DocumentId));
        var board = await admin.GetFromJsonAsync<DocumentRecord>($"/v1/collections/policies/documents/{BoardId}", SlmRagApiFactory.Json, Ct);
        Assert.Equal(1, board!.Version);
        Assert.Contains("740,000", (await admin.GetStringAsync($"/v1/collections/policies/documents/{BoardId}/chunks", Ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_keys_upload_the_same_name_each_sees_only_its_own_and_learns_nothing_of_the_other()
    {
        var admin = await _factory.ClientWithCollectionAsync("shared", "slm_admin");
        await admin.PostAsJsonAsync("/v1/collections", new { name = "alone" }, Ct);
        var eng = _factory.CreateClient("slm_eng");
        var hr = _factory.CreateClient("slm_hr");
        var hrJob = await CompletedUploadAsync(hr, "shared", "plan.md", "# Plan\n\nThe hr reorganisation starts in May.\n", "hr");

        // The same upload where hr's document exists and where nothing does: the same answers, step by step.
        var (withStatus, withOther) = await UploadAsync(eng, "shared", "plan.md", "# Plan\n\nThe eng roadmap ships in June.\n", "eng");
        var (aloneStatus, alone) = await UploadAsync(eng, "alone", "plan.md", "# Plan\n\nThe eng roadmap ships in June.\n", "eng");
        Assert.Equal(aloneStatus, withStatus);
        Assert.Equal(Shape(alone!), Shape(withOther!));
        var finishedWith = await SlmRagApiFactory.WaitForJobAsync(eng, new Uri($"/v1/jobs/{withOther!.Id}", UriKind.Relative));
        var finishedAlone = await SlmRagApiFactory.WaitForJobAsync(eng, new Uri($"/v1/jobs/{alone!.Id}", UriKind.Relative));
        Assert.Equal(Shape(finishedAlone), Shape(finishedWith));
        Assert.Equal(JobItemState.Succeeded, finishedWith.Items.Single().State);
        var engId = DocumentIds.ForScope("shared", "plan.md", ["eng"]);
        var hrId = hrJob.Items.Single().DocumentId!;
        Assert.Equal(engId, finishedWith.Items.Single().DocumentId);
        Assert.NotEqual(engId, hrId);

        // Neither can read, count, delete or replace the other's.
        foreach (var (client, hidden) in new[] { (eng, hrId), (hr, engId) })
        {
            var page = await client.GetFromJsonAsync<DocumentPage>("/v1/collections/shared/documents", SlmRagApiFactory.Json, Ct);
            Assert.Equal(1, page!.Total);
            Assert.DoesNotContain(page.Documents, d => d.Id == hidden);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v1/collections/shared/documents/{hidden}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/v1/collections/shared/documents/{hidden}", Ct)).StatusCode);
        }

        // Re-ingesting the same upload leaves one document; a changed one is a new version of eng's, never of hr's.
        var again = await CompletedUploadAsync(eng, "shared", "plan.md", "# Plan\n\nThe eng roadmap ships in June.\n", "eng");
        Assert.Equal(JobItemState.Unchanged, again.Items.Single().State);
        await CompletedUploadAsync(eng, "shared", "plan.md", "# Plan\n\nThe eng roadmap ships in July.\n", "eng");
        var all = await admin.GetFromJsonAsync<DocumentPage>("/v1/collections/shared/documents", SlmRagApiFactory.Json, Ct);
        Assert.Equal(new[] { (hrId, 1), (engId, 2) }, all!.Documents.OrderBy(d => d.Id == engId).Select(d => (d.Id, d.Version)));
        Assert.Contains("reorganisation", await admin.GetStringAsync($"/v1/collections/shared/documents/{hrId}/chunks", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Widening_a_documents_groups_by_re_upload_replaces_it()
    {
        var admin = await _factory.ClientWithCollectionAsync("shared", "slm_admin");
        var eng = _factory.CreateClient("slm_eng");
        var hr = _factory.CreateClient("slm_hr");
        await CompletedUploadAsync(hr, "shared", "plan.md", "# Plan\n\nThe hr reorganisation starts in May.\n", "hr");
        await CompletedUploadAsync(eng, "shared", "plan.md", "# Plan\n\nThe eng roadmap ships in June.\n", "eng");

        var widened = await CompletedUploadAsync(eng, "shared", "plan.md", "# Plan\n\nThe eng roadmap ships in June.\n", "eng,hr");

        Assert.Equal(JobItemState.Succeeded, widened.Items.Single().State);
        var all = await admin.GetFromJsonAsync<DocumentPage>("/v1/collections/shared/documents", SlmRagApiFactory.Json, Ct);
        Assert.Equal(2, all!.Total);
        var engDocument = Assert.Single(all.Documents, d => d.Metadata.AccessGroups.Contains("eng"));
        Assert.Equal((DocumentIds.ForScope("shared", "plan.md", ["hr", "eng"]), 2), (engDocument.Id, engDocument.Version));
        Assert.Single(all.Documents, d => d.Metadata.AccessGroups.SequenceEqual(new[] { "hr" }));
        Assert.Equal(HttpStatusCode.NotFound, (await eng.GetAsync($"/v1/collections/shared/documents/{DocumentIds.ForScope("shared", "plan.md", ["eng"])}", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_upload_with_groups_the_key_does_not_share_is_refused_the_same_way_whether_or_not_a_document_exists()
    {
        var admin = await _factory.ClientWithCollectionAsync("shared", "slm_admin");
        await admin.PostAsJsonAsync("/v1/collections", new { name = "alone" }, Ct);
        await CompletedUploadAsync(_factory.CreateClient("slm_hr"), "shared", "plan.md", "# Plan\n\nThe hr reorganisation starts in May.\n", "hr");
        var eng = _factory.CreateClient("slm_eng");

        var existing = await PostAsync(eng, "shared", "plan.md", "# Plan\n\nOverwritten.\n", "hr");
        var missing = await PostAsync(eng, "alone", "plan.md", "# Plan\n\nOverwritten.\n", "hr");

        Assert.Equal(HttpStatusCode.Forbidden, existing.StatusCode);
        Assert.Equal(missing.StatusCode, existing.StatusCode);
        using var a = JsonDocument.Parse(await existing.Content.ReadAsStringAsync(Ct));
        using var b = JsonDocument.Parse(await missing.Content.ReadAsStringAsync(Ct));
        foreach (var field in new[] { "title", "detail", "status" })
        {
            Assert.Equal(b.RootElement.GetProperty(field).ToString(), a.RootElement.GetProperty(field).ToString());
        }

        Assert.Empty((await eng.GetFromJsonAsync<List<IngestionJob>>("/v1/jobs", SlmRagApiFactory.Json, Ct))!);
        var hrPlan = Assert.Single((await admin.GetFromJsonAsync<DocumentPage>("/v1/collections/shared/documents", SlmRagApiFactory.Json, Ct))!.Documents);
        Assert.Equal(1, hrPlan.Version);
    }

    [Fact]
    public async Task Jobs_show_a_key_only_the_files_of_its_groups()
    {
        var admin = await _factory.ClientWithCollectionAsync("policies", "slm_admin");
        await AnswerDocuments.UploadAsync(admin, "policies");
        var eng = _factory.CreateClient("slm_eng");

        var jobs = await eng.GetFromJsonAsync<List<IngestionJob>>("/v1/jobs", SlmRagApiFactory.Json, Ct);
        var adminJobs = await admin.GetFromJsonAsync<List<IngestionJob>>("/v1/jobs", SlmRagApiFactory.Json, Ct);
        var boardJob = adminJobs!.Single(j => j.Items.Any(i => i.FileName == "board.md"));

        Assert.DoesNotContain(jobs!.SelectMany(j => j.Items), i => i.FileName == "board.md" || i.DocumentId == BoardId);
        Assert.Single(jobs!);
        Assert.Equal(HttpStatusCode.NotFound, (await eng.GetAsync($"/v1/jobs/{boardJob.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await eng.GetAsync($"/v1/jobs/{boardJob.Id}/progress", Ct)).StatusCode);

        // The newest job is the hidden board upload: a page of one still holds one job (the visible one), so pages do not count hidden jobs.
        Assert.Equal(boardJob.Id, adminJobs![0].Id);
        var newest = await eng.GetFromJsonAsync<List<IngestionJob>>("/v1/jobs?limit=1", SlmRagApiFactory.Json, Ct);
        Assert.Contains(Assert.Single(newest!).Items, i => i.FileName == "leave.md");
    }

    [Fact]
    public async Task Search_chat_completions_the_widget_and_forged_viewer_links_never_reveal_it()
    {
        var admin = await _factory.ClientWithCollectionAsync("policies", "slm_admin");
        await AnswerDocuments.UploadAsync(admin, "policies");
        var eng = _factory.CreateClient("slm_eng");

        var search = await eng.PostAsJsonAsync("/v1/collections/policies/search", new { query = "board bonus pool 2026", limit = 50 }, Ct);
        Assert.DoesNotContain(BoardId, await search.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var chat = await eng.PostAsJsonAsync("/v1/chat/completions", new { model = "policies", messages = new[] { new { role = "user", content = "How large is the board bonus pool for 2026?" } } }, Ct);
        var chatText = await chat.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        Assert.DoesNotContain("740,000", chatText, StringComparison.Ordinal);
        Assert.DoesNotContain(BoardId, chatText, StringComparison.Ordinal);

        using var widget = new HttpRequestMessage(HttpMethod.Post, "/v1/collections/policies/ask") { Content = JsonContent.Create(new { question = "How large is the board bonus pool for 2026?" }) };
        widget.Headers.Add("Origin", "https://intranet.example");
        widget.Headers.Add("X-Api-Key", "slm_widget");
        var asked = await _factory.CreateClient().SendAsync(widget, Ct);
        var askText = await asked.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.DoesNotContain("740,000", askText, StringComparison.Ordinal);

        var expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var forged = await _factory.CreateClient().GetAsync($"/view/policies/{BoardId}?g=board&exp={expires}&sig={new string('0', 64)}", Ct);
        var everything = await _factory.CreateClient().GetAsync($"/view/policies/{BoardId}?g=*&exp={expires}&sig=abc", Ct);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, everything.StatusCode);
    }

    /// <summary>What a caller sees of a job, without what differs between any two jobs (ids, times, blob names, collection).</summary>
    private static string Shape(IngestionJob job) => JsonSerializer.Serialize(new
    {
        job.State,
        Items = job.Items.Select(i => new { i.Ordinal, i.FileName, i.DocumentKey, i.SizeBytes, i.Metadata, i.HasPassword, i.State, i.Attempts, i.Error, i.Reason, i.Pages, i.Chunks }),
    }, SlmRagApiFactory.Json);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string collection, string name, string text, string? groups)
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(text));
        part.Headers.ContentType = new MediaTypeHeaderValue("text/markdown");
        form.Add(part, "files", name);
        if (groups is not null)
        {
            form.Add(new StringContent(groups), "accessGroups");
        }

        return await client.PostAsync($"/v1/collections/{collection}/documents", form, Ct);
    }

    private static async Task<(HttpStatusCode Status, IngestionJob? Job)> UploadAsync(HttpClient client, string collection, string name, string text, string? groups)
    {
        var response = await PostAsync(client, collection, name, text, groups);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<IngestionJob>(SlmRagApiFactory.Json, Ct));
    }

    private static async Task<IngestionJob> CompletedUploadAsync(HttpClient client, string collection, string name, string text, string? groups)
    {
        var (status, job) = await UploadAsync(client, collection, name, text, groups);
        Assert.Equal(HttpStatusCode.Accepted, status);
        return await SlmRagApiFactory.WaitForJobAsync(client, new Uri($"/v1/jobs/{job!.Id}", UriKind.Relative));
    }

    public void Dispose() => _factory.Dispose();
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SlmRag.Core.Documents;
using SlmRag.Core.Ingestion;
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
        var settings = SlmRagApiFactory.Keys(("ops", "slm_admin", ["admin"], [], []), ("eng", "slm_eng", ["ingest", "query"], [], ["eng"]));
        settings["Auth:Keys:2:Name"] = "widget";
        settings["Auth:Keys:2:Hash"] = SlmRag.Api.Security.ApiKeyHasher.Hash("slm_widget");
        settings["Auth:Keys:2:Publishable"] = "true";
        settings["Auth:Keys:2:Origins:0"] = "https://intranet.example";
        _factory = new SlmRagApiFactory(settings);
    }

    private static string BoardId => DocumentIds.ForKey("policies", "board.md");

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

        // Replace: an upload under the hidden document's key is refused for that file; the document is untouched.
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent("# Board compensation\n\nNothing to see.\n"u8.ToArray());
        part.Headers.ContentType = new MediaTypeHeaderValue("text/markdown");
        form.Add(part, "files", "board.md");
        var upload = await eng.PostAsync("/v1/collections/policies/documents", form, Ct);
        var replaced = await SlmRagApiFactory.WaitForJobAsync(eng, upload.Headers.Location!);
        Assert.Equal(IngestionError.NotPermitted, replaced.Items.Single().Error);
        var board = await admin.GetFromJsonAsync<DocumentRecord>($"/v1/collections/policies/documents/{BoardId}", SlmRagApiFactory.Json, Ct);
        Assert.Equal(1, board!.Version);
        Assert.Contains("740,000", (await admin.GetStringAsync($"/v1/collections/policies/documents/{BoardId}/chunks", Ct)), StringComparison.Ordinal);
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

    public void Dispose() => _factory.Dispose();
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using SlmRag.Core.Chunking;
using SlmRag.Core.Documents;
using SlmRag.Core.Ingestion;
using SlmRag.Core.Jobs;
using SlmRag.Core.Storage;
using SlmRag.Testing;

namespace SlmRag.Api.Tests.Apis;

public sealed class DocumentsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MultipartFormDataContent Form(params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            // Set the header by hand: HttpClient would not send a name with path segments as-is.
            part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"files\"", FileName = $"\"{name}\"" };
            form.Add(part);
        }

        return form;
    }

    private static byte[] Shared(params string[] path) => File.ReadAllBytes(Path.Combine(RepositoryPaths.RequireShared("documents"), Path.Combine(path)));

    [Fact]
    public async Task Upload_returns_202_and_the_job_ends_with_chunks_that_cite_their_source()
    {
        RepositoryPaths.RequireTool("pdftotext");
        // An administrator sees documents with access lists; anonymous callers would not.
        using var factory = new SlmRagApiFactory(SlmRagApiFactory.Keys(("ops", "slm_admin", ["admin"], ["*"], [])));
        var client = await factory.ClientWithCollectionAsync("docs", "slm_admin");
        using var form = Form(
            ("simple1.pdf", Shared("pdf-real", "simple1.pdf")),
            ("word_sample.docx", Shared("docx", "sources", "word_sample.docx")),
            ("wiki.md", Shared("markdown", "sources", "wiki.md")));
        form.Add(new StringContent("policy, 2026"), "tags");
        form.Add(new StringContent("hr"), "accessGroups");
        form.Add(new StringContent("https://intranet.example/docs"), "sourceUrl");

        var response = await client.PostAsync("/v1/collections/docs/documents", form, Ct);
        var accepted = await response.Content.ReadFromJsonAsync<IngestionJob>(SlmRagApiFactory.Json, Ct);
        var job = await SlmRagApiFactory.WaitForJobAsync(client, response.Headers.Location!);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(JobState.Queued, accepted!.State);
        var progress = await client.GetFromJsonAsync<JobSummary>($"{response.Headers.Location}/progress", SlmRagApiFactory.Json, Ct);
        Assert.Equal(new JobSummary(job.Id, "docs", JobState.Completed, job.Progress), progress);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/jobs/nope/progress", Ct)).StatusCode);
        Assert.All(job.Items, i => Assert.Equal(JobItemState.Succeeded, i.State));
        var documents = await client.GetFromJsonAsync<DocumentPage>("/v1/collections/docs/documents?tag=policy", SlmRagApiFactory.Json, Ct);
        Assert.Equal(3, documents!.Total);
        var pdf = documents.Documents.Single(d => d.Format == SourceFormat.Pdf);
        Assert.Equal(["hr"], pdf.Metadata.AccessGroups);
        Assert.Equal("https://intranet.example/docs", pdf.Metadata.SourceUrl);
        var chunks = await client.GetFromJsonAsync<List<Chunk>>($"/v1/collections/docs/documents/{pdf.Id}/chunks", SlmRagApiFactory.Json, Ct);
        Assert.All(chunks!, c => Assert.Equal((pdf.Id, "docs", 1), (c.DocumentId, c.Collection, c.PageStart!.Value)));
    }

    [Fact]
    public async Task Each_bad_file_fails_alone_with_its_reason()
    {
        using var factory = new SlmRagApiFactory(new Dictionary<string, string?> { ["Ingestion:MaxFileBytes"] = "100000" });
        var client = await factory.ClientWithCollectionAsync("docs");
        using var form = Form(
            ("../../etc/passwd.md", "# Hi\n\nText."u8.ToArray()),
            ("empty.txt", []),
            ("huge.txt", new byte[200_000]),
            ("random.bin", Shared("mixed", "packages", "markitdown", "tests", "test_files", "random.bin")),
            ("good.md", "# Good\n\nThis one is fine."u8.ToArray()));

        var response = await client.PostAsync("/v1/collections/docs/documents", form, Ct);
        var job = await SlmRagApiFactory.WaitForJobAsync(client, response.Headers.Location!);

        Assert.Equal(
            [IngestionError.InvalidFileName, IngestionError.EmptyFile, IngestionError.TooLarge, IngestionError.UnsupportedType, null],
            job.Items.Select(i => i.Error));
        Assert.Equal(JobItemState.Succeeded, job.Items[^1].State);
        Assert.All(job.Items.SkipLast(1), i => Assert.False(string.IsNullOrWhiteSpace(i.Reason)));
    }

    [Fact]
    public async Task Requests_that_cannot_be_accepted_get_problem_details()
    {
        using var factory = new SlmRagApiFactory(new Dictionary<string, string?> { ["Ingestion:MaxRequestBytes"] = "300000", ["Ingestion:MaxFileBytes"] = "300000" });
        var client = await factory.ClientWithCollectionAsync("docs");

        var missingCollection = await client.PostAsync("/v1/collections/nope/documents", Form(("a.md", "x"u8.ToArray())), Ct);
        var notMultipart = await client.PostAsync("/v1/collections/docs/documents", new StringContent("hello"), Ct);
        var tooLarge = await client.PostAsync("/v1/collections/docs/documents", Form(("a.txt", new byte[400_000])), Ct);
        var noFiles = new MultipartFormDataContent { { new StringContent("x"), "tags" } };
        var empty = await client.PostAsync("/v1/collections/docs/documents", noFiles, Ct);
        var badUrl = Form(("a.md", "x"u8.ToArray()));
        badUrl.Add(new StringContent("javascript:alert(1)"), "sourceUrl");
        var badSource = await client.PostAsync("/v1/collections/docs/documents", badUrl, Ct);
        var twoWithKey = Form(("a.md", "x"u8.ToArray()), ("b.md", "y"u8.ToArray()));
        twoWithKey.Add(new StringContent("policy/leave"), "key");
        var keyed = await client.PostAsync("/v1/collections/docs/documents", twoWithKey, Ct);

        Assert.Equal(HttpStatusCode.NotFound, missingCollection.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notMultipart.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badSource.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, keyed.StatusCode);
        foreach (var response in new[] { missingCollection, notMultipart, tooLarge, empty, badSource, keyed })
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }

        Assert.Contains("Ingestion:MaxRequestBytes", await tooLarge.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty((await client.GetFromJsonAsync<List<IngestionJob>>("/v1/jobs", SlmRagApiFactory.Json, Ct))!);
    }

    [Fact]
    public async Task A_refused_request_leaves_no_upload_behind_and_never_touches_another_jobs_file()
    {
        using var data = new TempDirectory();
        using var factory = new SlmRagApiFactory(new Dictionary<string, string?> { ["Storage:DataDirectory"] = data.Path, ["Ingestion:Worker:Enabled"] = "false" });
        var client = await factory.ClientWithCollectionAsync("docs");
        var accepted = await client.PostAsync("/v1/collections/docs/documents", Form(("same.md", "# Same\n\nIdentical bytes."u8.ToArray())), Ct);
        var refusedForm = Form(("same.md", "# Same\n\nIdentical bytes."u8.ToArray()));
        refusedForm.Add(new StringContent("not a url"), "sourceUrl");

        var refused = await client.PostAsync("/v1/collections/docs/documents", refusedForm, Ct);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var job = await accepted.Content.ReadFromJsonAsync<IngestionJob>(SlmRagApiFactory.Json, Ct);
        Assert.Equal([job!.Items[0].BlobId], Directory.GetFiles(Path.Combine(data.Path, "blobs")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Re_upload_is_unchanged_a_new_version_replaces_and_delete_removes()
    {
        using var factory = new SlmRagApiFactory();
        var client = await factory.ClientWithCollectionAsync("docs");
        async Task<IngestionJob> Upload(string text)
        {
            var form = Form(("leave.md", System.Text.Encoding.UTF8.GetBytes(text)));
            form.Add(new StringContent("policies/leave"), "key");
            var response = await client.PostAsync("/v1/collections/docs/documents", form, Ct);
            return await SlmRagApiFactory.WaitForJobAsync(client, response.Headers.Location!);
        }

        var first = await Upload("# Leave\n\n25 days.");
        var again = await Upload("# Leave\n\n25 days.");
        var changed = await Upload("# Leave\n\n30 days.");
        var id = first.Items[0].DocumentId!;
        var document = await client.GetFromJsonAsync<DocumentRecord>($"/v1/collections/docs/documents/{id}", SlmRagApiFactory.Json, Ct);
        var chunks = await client.GetFromJsonAsync<List<Chunk>>($"/v1/collections/docs/documents/{id}/chunks", SlmRagApiFactory.Json, Ct);
        var deleted = await client.DeleteAsync($"/v1/collections/docs/documents/{id}", Ct);
        var gone = await client.GetAsync($"/v1/collections/docs/documents/{id}/chunks", Ct);

        Assert.Equal([JobItemState.Succeeded, JobItemState.Unchanged, JobItemState.Succeeded], new[] { first, again, changed }.Select(j => j.Items[0].State));
        Assert.Equal(("policies/leave", 2), (document!.Key, document.Version));
        Assert.Equal("Leave\n\n30 days.", Assert.Single(chunks!).Text);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}

using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SlmRag.Api.Hosting;
using SlmRag.Api.Tests.Apis;
using SlmRag.Testing;

namespace SlmRag.Api.Tests.Widget;

/// <summary>
/// The widget in headless Chromium (Debian's chromium driven by playwright-core) against the running
/// service on 127.0.0.1, embedded by an intranet page served from another origin with a publishable key:
/// type a question with the keyboard, see the streamed answer, open the citation in the viewer.
/// </summary>
public sealed class WidgetEndToEndTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TempDirectory _data = new();
    private WebApplication? _service;
    private WebApplication? _intranet;

    [Fact]
    public async Task A_question_typed_into_the_widget_streams_an_answer_whose_citation_opens_the_document()
    {
        var script = BrowserTest.RequireScript("widget.e2e.mjs");
        _intranet = await BrowserTest.StartIntranetAsync(() => PageHtml, Ct);
        var intranet = BrowserTest.Address(_intranet);
        var service = await StartServiceAsync(intranet);
        using var admin = new HttpClient { BaseAddress = new Uri(service) };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", "slm_admin");
        (await admin.PostAsJsonAsync("/v1/collections", new { name = "policies" }, Ct)).EnsureSuccessStatusCode();
        await AnswerDocuments.UploadAsync(admin, "policies");
        PageHtml = $"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Intranet</title>
            <script src="{service}/widget.js" defer></script></head>
            <body><h1>Lumenfield intranet</h1>
            <slmrag-chat collection="policies" api-key="slm_widget" style="--slmrag-accent: rgb(200, 0, 0)"></slmrag-chat></body></html>
            """;

        var run = await BrowserTest.RunNodeAsync(script, [$"{intranet}/index.html", "What is the hotel limit in Amsterdam?", "180 euros", "180 euros per night"], Ct);
        var seen = run.Seen!.Value;

        Assert.True(run.ExitCode == 0, run.Output + run.Errors);
        Assert.Contains("180 euros", seen.GetProperty("answer").GetString());
        Assert.Equal("Travel", seen.GetProperty("source").GetString());
        Assert.Equal("rgb(200, 0, 0)", seen.GetProperty("accent").GetString());
        Assert.Equal("Travel", seen.GetProperty("viewerTitle").GetString());
        Assert.Contains("180 euros per night", seen.GetProperty("highlighted").GetString());
        Assert.Matches(@"^Answered from 1 document in \d+\.\d s\.$", seen.GetProperty("status").GetString());
    }

    private string PageHtml { get; set; } = "<!doctype html><title>not ready</title>";

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        if (_intranet is not null)
        {
            await _intranet.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }

    private async Task<string> StartServiceAsync(string intranetOrigin)
    {
        _service = SlmRagWebApplication.Create(
        [
            "--urls=http://127.0.0.1:0",
            $"--Storage:DataDirectory={_data.Path}",
            "--Embeddings:Provider=None",
            "--Ingestion:Worker:PollSeconds=0.1",
            "--Auth:Keys:0:Name=ops",
            $"--Auth:Keys:0:Hash={SlmRag.Api.Security.ApiKeyHasher.Hash("slm_admin")}",
            "--Auth:Keys:0:Scopes:0=admin",
            "--Auth:Keys:1:Name=intranet-widget",
            $"--Auth:Keys:1:Hash={SlmRag.Api.Security.ApiKeyHasher.Hash("slm_widget")}",
            "--Auth:Keys:1:Publishable=true",
            $"--Auth:Keys:1:Origins:0={intranetOrigin}",
        ]);
        await _service.StartAsync(Ct);
        return BrowserTest.Address(_service);
    }
}

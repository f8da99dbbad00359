using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Api.Hosting;
using SlmRag.Api.Tests.Apis;
using SlmRag.Testing;

namespace SlmRag.Api.Tests.Widget;

/// <summary>
/// The README's widget snippet on an open service (no keys): an intranet page on another origin, listed in
/// Widget:AllowedOrigins, with no api-key attribute. Headless Chromium screenshots each state (empty, streaming,
/// answered, abstained, error); the test checks the DOM state, the wording and that each screenshot is not blank.
/// The PNGs stay in the test output's widget-screenshots folder for a person to look at.
/// </summary>
public sealed class WidgetStatesTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TempDirectory _data = new();
    private WebApplication? _service;
    private WebApplication? _intranet;
    private string _page = "<!doctype html><title>not ready</title>";

    [Fact]
    public async Task The_widget_works_from_an_allowed_origin_of_an_open_service_and_shows_each_state()
    {
        var script = BrowserTest.RequireScript("widget.states.mjs");
        _intranet = await BrowserTest.StartIntranetAsync(() => _page, Ct);
        var intranet = BrowserTest.Address(_intranet);
        var service = await StartOpenServiceAsync(intranet);
        using var anonymous = new HttpClient { BaseAddress = new Uri(service) };
        (await anonymous.PostAsJsonAsync("/v1/collections", new { name = "handbook" }, Ct)).EnsureSuccessStatusCode();
        await AnswerDocuments.UploadAsync(anonymous, "handbook");
        _page = $"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Intranet</title>
            <script src="{service}/widget.js" defer></script></head>
            <body><slmrag-chat collection="handbook"></slmrag-chat></body></html>
            """;
        var screenshots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "widget-screenshots")).FullName;
        // localhost and 127.0.0.1 are different origins to a browser: the second is not in Widget:AllowedOrigins.
        var refused = intranet.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

        var run = await BrowserTest.RunNodeAsync(script, [$"{intranet}/index.html", $"{refused}/index.html", screenshots,
            "How many days of paid annual leave do I get?", "Can I bring my dog to the office?"], Ct);
        Assert.True(run.Seen is not null, $"node printed nothing: {run.Errors}");
        var seen = run.Seen.Value;
        var states = seen.GetProperty("states");

        Assert.True(seen.GetProperty("ok").GetBoolean(), seen.ToString());
        foreach (var name in new[] { "empty", "streaming", "answered", "abstained", "error" })
        {
            var state = states.GetProperty(name);
            Assert.Equal(name, state.GetProperty("state").GetString());
            var png = state.GetProperty("file").GetString()!;
            Assert.True(new FileInfo(png).Length > 1000, $"{name}: {png} is empty");
            Assert.True(state.GetProperty("ink").GetDouble() > 0.01, $"{name}: the screenshot is blank ({state})");
        }

        Assert.Equal(string.Empty, states.GetProperty("empty").GetProperty("status").GetString());
        Assert.Equal("Writing the answer…", states.GetProperty("streaming").GetProperty("status").GetString());
        Assert.StartsWith("Full-time employees receive", states.GetProperty("streaming").GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.Matches(@"^Answered from 1 document in \d+\.\d s\.$", states.GetProperty("answered").GetProperty("status").GetString());
        Assert.Contains("27 days", states.GetProperty("answered").GetProperty("answer").GetString());
        Assert.True(states.GetProperty("answered").GetProperty("sources").GetInt32() >= 1);
        Assert.DoesNotContain("Annual leave — Annual leave", states.GetProperty("answered").GetProperty("sourceList").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Searched the documents in", states.GetProperty("abstained").GetProperty("status").GetString());
        Assert.Contains("Widget:AllowedOrigins", states.GetProperty("error").GetProperty("status").GetString());
        Assert.DoesNotContain("extractive", string.Concat(states.EnumerateObject().Select(s => s.Value.GetProperty("status").GetString())), StringComparison.OrdinalIgnoreCase);
    }

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

    private async Task<string> StartOpenServiceAsync(string allowedOrigin)
    {
        _service = SlmRagWebApplication.Create(
        [
            "--urls=http://127.0.0.1:0",
            $"--Storage:DataDirectory={_data.Path}",
            "--Embeddings:Provider=None",
            "--Ingestion:Worker:PollSeconds=0.1",
            $"--Widget:AllowedOrigins:0={allowedOrigin}",
        ]);
        await _service.StartAsync(Ct);
        return BrowserTest.Address(_service);
    }
}

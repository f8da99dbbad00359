using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Testing;

namespace SlmRag.Api.Tests.Widget;

/// <summary>What the widget's browser tests share: the browser prerequisites, the intranet page on another origin, and a node script run.</summary>
internal static class BrowserTest
{
    /// <summary>The path of a script in this folder; skips (or under CI fails) when chromium, node or playwright-core is missing.</summary>
    public static string RequireScript(string name)
    {
        var script = Path.Combine(RepositoryPaths.Root, "tests", "SlmRag.Api.Tests", "Widget", name);
        RepositoryPaths.RequireTool("chromium");
        RepositoryPaths.RequireTool("node");
        if (!Directory.Exists(Path.Combine(Path.GetDirectoryName(script)!, "node_modules", "playwright-core")))
        {
            const string reason = "playwright-core is not installed in tests/SlmRag.Api.Tests/Widget; ./test.sh runs npm install there.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(reason);
            }

            Assert.Skip(reason);
        }

        return script;
    }

    /// <summary>The company's intranet: another origin on 127.0.0.1 serving <paramref name="page"/> as /index.html.</summary>
    public static async Task<WebApplication> StartIntranetAsync(Func<string> page, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var intranet = builder.Build();
        intranet.MapGet("/index.html", () => Results.Content(page(), "text/html"));
        await intranet.StartAsync(cancellationToken);
        return intranet;
    }

    public static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

    /// <summary>Runs a node script; its last output line is the JSON of what the browser saw (null when it printed nothing).</summary>
    public static async Task<NodeRun> RunNodeAsync(string script, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(script)! };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var node = Process.Start(start)!;
        var output = await node.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = await node.StandardError.ReadToEndAsync(cancellationToken);
        await node.WaitForExitAsync(cancellationToken);
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return new NodeRun(last is null ? null : JsonDocument.Parse(last).RootElement.Clone(), node.ExitCode, output, errors);
    }

    public sealed record NodeRun(JsonElement? Seen, int ExitCode, string Output, string Errors);
}

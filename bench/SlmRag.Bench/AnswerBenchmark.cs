using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Answers;
using SlmRag.Api.Hosting;
using SlmRag.Core.Documents;
using SlmRag.Core.Retrieval;
using SlmRag.Embeddings;
using SlmRag.Evaluation.Collections;
using SlmRag.Testing;

namespace SlmRag.Bench;

/// <summary>
/// Answers in extractive mode (the embedded default): quality on corpora/ and its question file, latency
/// against retrieval alone on the same questions, and HTTP throughput at 16 connections (wrk) against the
/// search endpoint in the same run, with the process's memory.
/// </summary>
internal static class AnswerBenchmark
{
    public static async Task<int> RunAsync(string shared, int passes)
    {
        var settings = Settings();
        settings["Auth:RequestsPerMinute"] = "0";
        using var harness = Harness(settings);
        settings["Storage:DataDirectory"] = harness.DataDirectory;
        var services = harness.Services;
        Console.WriteLine($"Embeddings: {settings["Embeddings:Provider"]}");

        var questions = File.ReadLines(Path.Combine(RepositoryPaths.Corpora, "questions.jsonl")).Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();
        await harness.IngestFolderAsync("handbook", Path.Combine(RepositoryPaths.Corpora, "handbook"));
        Quality(services, questions);

        var rows = new List<string>();
        var handbookQuestions = questions.Select(q => q.GetProperty("question").GetString()!).ToList();
        rows.Add(await LatencyAsync(services, "handbook (24 docs)", "handbook", handbookQuestions, passes));

        var vaswani = Path.Combine(shared, "datasets", "vaswani");
        if (Directory.Exists(vaswani))
        {
            var collection = TestCollectionReader.Read(vaswani);
            await harness.IngestTextsAsync("vaswani", collection.Documents.Select(d => (d.Id, d.Title.Length > 0 ? $"{d.Title}\n\n{d.Text}" : d.Text)));
            rows.Add(await LatencyAsync(services, $"Vaswani ({collection.Documents.Count:N0} docs)", "vaswani", collection.Queries.Select(q => q.Text).ToList(), passes));
        }

        Console.WriteLine();
        Console.WriteLine("| collection | questions | answer p50 ms | answer p99 ms | retrieval p50 ms | retrieval p99 ms | answer / retrieval (p50) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        rows.ForEach(Console.WriteLine);
        await ThroughputAsync(harness.DataDirectory, settings, handbookQuestions);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return 0;
    }

    /// <summary>The embedded default's settings: the MiniLM sentence embedding model (Embeddings:Provider's default), no chat model.</summary>
    internal static Dictionary<string, string?> Settings() => new() { ["Embeddings:Provider"] = "MiniLM" };

    /// <summary>The real store and pipeline (as the tests use them) with embeddings, retrieval and answers on top.</summary>
    internal static IngestionHarness Harness(IDictionary<string, string?> settings) =>
        new(settings, (services, configuration) => services.AddEmbeddings(configuration).AddRetrieval(configuration).AddAnswers(configuration));

    private static void Quality(IServiceProvider services, List<JsonElement> questions)
    {
        var answers = services.GetRequiredService<AnswerService>();
        int answerable = 0, right = 0, unanswerable = 0, abstained = 0, wrongAbstentions = 0;
        foreach (var q in questions)
        {
            var result = answers.AskAsync(new AnswerRequest("handbook", q.GetProperty("question").GetString()!, SearchFilter.Public, "bench"), CancellationToken.None).GetAwaiter().GetResult();
            if (q.TryGetProperty("answerable", out var a) && !a.GetBoolean())
            {
                unanswerable++;
                abstained += result.Abstained ? 1 : 0;
                continue;
            }

            answerable++;
            wrongAbstentions += result.Abstained ? 1 : 0;
            var expected = DocumentIds.ForKey("handbook", q.GetProperty("document").GetString()!);
            right += !result.Abstained && result.Citations.Any(c => c.DocumentId == expected) ? 1 : 0;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Quality on corpora/questions.jsonl: right document cited {right}/{answerable} ({100.0 * right / answerable:0.0}%), abstained on {wrongAbstentions} answerable, abstained on {abstained}/{unanswerable} unanswerable."));
    }

    private static async Task<string> LatencyAsync(IServiceProvider services, string label, string collection, List<string> questions, int passes)
    {
        var answers = services.GetRequiredService<AnswerService>();
        var retriever = services.GetRequiredService<HybridRetriever>();
        var answerMs = new List<double>();
        var retrievalMs = new List<double>();
        for (var pass = 0; pass <= passes; pass++)
        {
            foreach (var question in questions)
            {
                var clock = Stopwatch.StartNew();
                await retriever.RetrieveAsync(collection, question, SearchFilter.Public, 12, RetrievalMode.Hybrid, CancellationToken.None);
                var retrieval = clock.Elapsed.TotalMilliseconds;
                clock.Restart();
                await answers.AskAsync(new AnswerRequest(collection, question, SearchFilter.Public, "bench"), CancellationToken.None);
                if (pass > 0)
                {
                    // Pass 0 warms indexes and JIT, as a running service has them.
                    retrievalMs.Add(retrieval);
                    answerMs.Add(clock.Elapsed.TotalMilliseconds);
                }
            }
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {questions.Count} | {Percentile(answerMs, 50):0.00} | {Percentile(answerMs, 99):0.00} | {Percentile(retrievalMs, 50):0.00} | {Percentile(retrievalMs, 99):0.00} | {Percentile(answerMs, 50) / Percentile(retrievalMs, 50):0.00} |");
    }

    private static async Task ThroughputAsync(string dataDirectory, Dictionary<string, string?> settings, List<string> questions)
    {
        if (!File.Exists("/usr/bin/wrk"))
        {
            Console.WriteLine("wrk is not installed (apt-get install wrk): HTTP throughput not measured.");
            return;
        }

        var arguments = new List<string> { "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning" };
        arguments.AddRange(settings.Select(s => $"--{s.Key}={s.Value}"));
        await using var app = SlmRagWebApplication.Create([.. arguments]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        var script = Path.Combine(dataDirectory, "post.lua");
        var bodies = string.Join(",\n", questions.Select(q => "  [[" + JsonSerializer.Serialize(new { question = q, query = q }) + "]]"));
        await File.WriteAllTextAsync(script, $$"""
            local bodies = {
            {{bodies}}
            }
            local i = 0
            request = function()
              i = i % #bodies + 1
              return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, bodies[i])
            end
            """);

        Console.WriteLine();
        Console.WriteLine("| endpoint (16 connections, 2 wrk threads, 10 s) | requests/s | p50 ms | p99 ms | errors | process peak working set |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var endpoint in new[] { "/v1/collections/handbook/search", "/v1/collections/handbook/ask" })
        {
            var (rps, p50, p99, errors) = await WrkAsync(address + endpoint, script);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| POST {endpoint} | {rps:0} | {p50} | {p99} | {errors} | {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MB |"));
        }

        await app.StopAsync();
    }

    private static async Task<(double Rps, string P50, string P99, string Errors)> WrkAsync(string url, string script)
    {
        var start = new ProcessStartInfo("wrk", $"-t2 -c16 -d10s --latency -s {script} {url}") { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        string Find(string prefix) => output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..].Trim() ?? "?";
        var rps = double.TryParse(Find("Requests/sec:"), NumberStyles.Float, CultureInfo.InvariantCulture, out var r) ? r : 0;
        var errors = output.Contains("Non-2xx", StringComparison.Ordinal) ? Find("Non-2xx or 3xx responses:") : "0";
        return (rps, Find("50%"), Find("99%"), errors);
    }

    private static double Percentile(List<double> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Answers;
using SlmRag.Api.Hosting;
using SlmRag.Core.Collections;
using SlmRag.Core.Documents;
using SlmRag.Core.Retrieval;
using SlmRag.Core.Storage;
using SlmRag.Embeddings;
using SlmRag.Evaluation;
using SlmRag.Evaluation.Collections;
using SlmRag.Evaluation.Running;
using SlmRag.Ingestion;
using SlmRag.Ingestion.Uploads;
using SlmRag.Ingestion.Worker;
using SlmRag.Storage.Embedded;
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
        var data = Directory.CreateTempSubdirectory("slmrag-answers-");
        try
        {
            var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = data.FullName, ["Ingestion:Worker:Enabled"] = "false", ["Auth:RequestsPerMinute"] = "0" };
            var model = Path.Combine(RepositoryPaths.Root, "models", "wink-sg-100d.slmvec");
            settings["Embeddings:Provider"] = File.Exists(model) ? "Static" : "None";
            settings["Embeddings:Static:Path"] = model;
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            await using var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System)
                .AddEmbeddedStorage(configuration).AddEmbeddings(configuration).AddIngestion(configuration).AddRetrieval(configuration)
                .AddAnswers(configuration).AddEvaluation().BuildServiceProvider();
            Console.WriteLine($"Embeddings: {settings["Embeddings:Provider"]}");

            var questions = File.ReadLines(Path.Combine(RepositoryPaths.Corpora, "questions.jsonl")).Where(l => l.Trim().Length > 0)
                .Select(l => JsonDocument.Parse(l).RootElement).ToList();
            await IngestHandbookAsync(services);
            Quality(services, questions);

            var rows = new List<string>();
            var handbookQuestions = questions.Select(q => q.GetProperty("question").GetString()!).ToList();
            rows.Add(await LatencyAsync(services, "handbook (24 docs)", "handbook", handbookQuestions, passes));

            var vaswani = Path.Combine(shared, "datasets", "vaswani");
            if (Directory.Exists(vaswani))
            {
                var collection = TestCollectionReader.Read(vaswani);
                await IngestAsync(services, "vaswani", collection.Documents.Select(d => (d.Id, d.Title.Length > 0 ? $"{d.Title}\n\n{d.Text}" : d.Text)));
                rows.Add(await LatencyAsync(services, $"Vaswani ({collection.Documents.Count:N0} docs)", "vaswani", collection.Queries.Select(q => q.Text).ToList(), passes));
            }

            Console.WriteLine();
            Console.WriteLine("| collection | questions | answer p50 ms | answer p99 ms | retrieval p50 ms | retrieval p99 ms | answer / retrieval (p50) |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            rows.ForEach(Console.WriteLine);
            await ThroughputAsync(data.FullName, settings, handbookQuestions);
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }

    internal static async Task IngestHandbookAsync(IServiceProvider services)
    {
        var root = Path.Combine(RepositoryPaths.Corpora, "handbook");
        await IngestAsync(services, "handbook", Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => (Path.GetRelativePath(root, f).Replace('\\', '/'), (string?)null, (string?)f)));
    }

    private static Task IngestAsync(IServiceProvider services, string collection, IEnumerable<(string Key, string Text)> texts) =>
        IngestAsync(services, collection, texts.Select(t => (t.Key, (string?)t.Text, (string?)null)));

    /// <summary>Through the normal pipeline: staged uploads (files, or texts as .txt), one job, run in-process.</summary>
    private static async Task IngestAsync(IServiceProvider services, string collection, IEnumerable<(string Key, string? Text, string? File)> items)
    {
        await services.GetRequiredService<ICatalogStore>().CreateCollectionAsync(new Collection(collection, null, false, null, DateTimeOffset.UtcNow), CancellationToken.None);
        var staged = new List<SlmRag.Core.Jobs.NewJobItem>();
        foreach (var (key, text, file) in items)
        {
            await using Stream stream = file is null ? new MemoryStream(Encoding.UTF8.GetBytes(text!)) : File.OpenRead(file);
            var name = file is null ? "document.txt" : Path.GetFileName(file);
            staged.Add(await services.GetRequiredService<UploadStager>().StageAsync(name, key, stream, DocumentMetadata.Empty, null, CancellationToken.None));
        }

        var job = await services.GetRequiredService<JobSubmitter>().SubmitAsync(collection, staged, CancellationToken.None);
        await services.GetRequiredService<InProcessJobRunner>().RunToCompletionAsync(job.Id, "bench", null, CancellationToken.None);
    }

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

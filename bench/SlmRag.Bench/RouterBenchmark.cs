using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SlmRag.Answers;
using SlmRag.Answers.Routing;
using SlmRag.Core.Retrieval;
using SlmRag.Testing;

namespace SlmRag.Bench;

/// <summary>
/// Router accuracy on corpora/routing.jsonl over the sample corpus: the configured (calibrated) settings,
/// the hand-set defaults as a baseline, and leave-one-out calibration (each question decided by a model
/// fitted without it), with escalation shares and confusion matrices.
/// </summary>
internal static class RouterBenchmark
{
    public static async Task<int> RunAsync()
    {
        // The Router section of appsettings.json is what is being measured.
        var settings = AnswerBenchmark.Settings();
        foreach (var (key, value) in new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryPaths.Root, "appsettings.json")).Build().GetSection("Router").AsEnumerable())
        {
            settings[key] = value;
        }

        using var harness = AnswerBenchmark.Harness(settings);
        await harness.IngestFolderAsync("handbook", Path.Combine(RepositoryPaths.Corpora, "handbook"));
        var answers = harness.Services.GetRequiredService<AnswerService>();
        var examples = new List<(RouteFeatures Features, bool Escalate)>();
        foreach (var line in File.ReadLines(Path.Combine(RepositoryPaths.Corpora, "routing.jsonl")).Where(l => l.Trim().Length > 0))
        {
            var item = JsonDocument.Parse(line).RootElement;
            var features = await answers.RouteFeaturesAsync(new AnswerRequest("handbook", item.GetProperty("question").GetString()!, SearchFilter.Everything, "bench"), CancellationToken.None);
            examples.Add((features, item.GetProperty("route").GetString() == "escalate"));
        }

        var configured = harness.Services.GetRequiredService<IOptions<RouterOptions>>().Value;
        var rows = new List<(string, RouterEvaluation)>
        {
            ("configured (appsettings.json)", RouterCalibration.Evaluate(examples, configured)),
            ("hand-set defaults", RouterCalibration.Evaluate(examples, new RouterOptions { Bias = -3, Threshold = 0.5 })),
            ("leave-one-out calibration", LeaveOneOut(examples)),
        };
        Console.WriteLine($"Routing set: {examples.Count} questions, {examples.Count(e => e.Escalate)} labeled escalate.");
        Console.WriteLine();
        Console.WriteLine("| router | accuracy | escalated | TP (escalate, right) | FP (escalated a local one) | TN | FN (kept an escalate local) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, e) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {e.Accuracy:P1} | {e.EscalatedShare:P1} | {e.TruePositives} | {e.FalsePositives} | {e.TrueNegatives} | {e.FalseNegatives} |"));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return 0;
    }

    private static RouterEvaluation LeaveOneOut(List<(RouteFeatures Features, bool Escalate)> examples)
    {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < examples.Count; i++)
        {
            var training = examples.Where((_, j) => j != i).ToList();
            var fit = RouterCalibration.Fit(training, 0.3);
            var single = RouterCalibration.Evaluate([examples[i]], new RouterOptions { Weights = fit.Weights, Bias = fit.Bias, Threshold = fit.Threshold });
            (tp, fp, tn, fn) = (tp + single.TruePositives, fp + single.FalsePositives, tn + single.TrueNegatives, fn + single.FalseNegatives);
        }

        return new RouterEvaluation(examples.Count, (tp + tn) / (double)examples.Count, (tp + fp) / (double)examples.Count, tp, fp, tn, fn);
    }
}

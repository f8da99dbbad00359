using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SlmRag.Answers;
using SlmRag.Core.Retrieval;
using SlmRag.Embeddings;
using SlmRag.Evaluation;
using SlmRag.Evaluation.Answers;
using SlmRag.Testing;

namespace SlmRag.Bench;

/// <summary>
/// Answer quality of the embedded default on SQuAD 2.0 Normans and corpora/questions.jsonl beside the naive
/// baseline; the abstention threshold fitted on the tuning half of both sets together and reported on the
/// held-out half; and each signal's contribution (the answerer with one signal switched off).
/// </summary>
internal static class AnswerQualityBenchmark
{
    private static readonly string[][] Ablations = [[], ["semantic"], ["form"], ["numbers"], ["alignment"], ["context"], ["rank"], ["cell"], ["form", "numbers", "alignment", "context", "rank", "semantic", "cell"]];

    public static async Task<int> RunAsync(string shared)
    {
        var settings = AnswerBenchmark.Settings();
        using var harness = new IngestionHarness(settings, (services, configuration) => services.AddEmbeddings(configuration).AddRetrieval(configuration).AddAnswers(configuration).AddEvaluation());
        var runner = harness.Services.GetRequiredService<AnswerEvaluationRunner>();
        var options = harness.Services.GetRequiredService<IOptions<AnswerOptions>>().Value;
        Console.WriteLine($"Embeddings: {settings["Embeddings:Provider"]}; Answers:MinEvidence = {options.MinEvidence.ToString(CultureInfo.InvariantCulture)}");
        var sets = new List<AnswerSet> { AnswerSetReader.Read(Path.Combine(RepositoryPaths.Corpora, "questions.jsonl")) };
        var squad = Path.Combine(shared, "datasets", "squad-v2-normans", "dev-v2.0-normans.json");
        if (File.Exists(squad))
        {
            sets.Insert(0, AnswerSetReader.Read(squad));
        }

        // Collections written to check generalisation and never tuned on before their first run: reported, never calibrated on.
        var checks = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Corpora, "checks"), "*.jsonl").Order(StringComparer.Ordinal)
            .Select(file => AnswerSetReader.Read(file)).ToList();
        Console.WriteLine();
        Console.WriteLine("| set | system | right (stated + cited) | false abstentions | unanswerable abstained | abstention P / R | citation correct | median words | repeated | p50 ms | retrieval p50 ms |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var pooled = new List<AnswerOutcome>();
        foreach (var set in sets)
        {
            var report = await runner.RunAsync(set, null, CancellationToken.None);
            foreach (var s in new[] { report.Service, report.Baseline })
            {
                Console.WriteLine(Invariant($"| {set.Name} | {s.System} | {P(s.Right)} | {P(s.FalseAbstentions)} | {P(s.UnanswerableAbstained)} | {P(s.AbstentionPrecision)} / {P(s.AbstentionRecall)} | {P(s.CitationCorrect)} | {s.MedianWords:0} | {s.Repeated} | {s.LatencyP50Ms:0.0} | {report.RetrievalP50Ms:0.0} |"));
            }

            pooled.AddRange((await runner.RunAsync(set, null, CancellationToken.None, calibrating: true)).ServiceOutcomes);
        }

        foreach (var set in checks)
        {
            var report = await runner.RunAsync(set, null, CancellationToken.None);
            foreach (var s in new[] { report.Service, report.Baseline })
            {
                Console.WriteLine(Invariant($"| check: {set.Name} | {s.System} | {P(s.Right)} | {P(s.FalseAbstentions)} | {P(s.UnanswerableAbstained)} | {P(s.AbstentionPrecision)} / {P(s.AbstentionRecall)} | {P(s.CitationCorrect)} | {s.MedianWords:0} | {s.Repeated} | {s.LatencyP50Ms:0.0} | {report.RetrievalP50Ms:0.0} |"));
            }
        }

        var tuning = pooled.Where(o => !AbstentionCalibration.HeldOut(o.Question)).ToList();
        var threshold = AbstentionCalibration.Fit(tuning);
        Console.WriteLine();
        Console.WriteLine(Invariant($"Abstention threshold fitted on the tuning half of every set (false abstentions <= 5%): {threshold:0.000}"));
        Console.WriteLine("| set | split | questions | right | false abstentions | unanswerable abstained | abstention precision | abstention recall |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var set in sets)
        {
            foreach (var (split, heldOut) in new[] { ("tuning", false), ("held-out", true) })
            {
                var f = AbstentionCalibration.At(pooled.Where(o => set.Questions.Contains(o.Question) && AbstentionCalibration.HeldOut(o.Question) == heldOut).ToList(), threshold);
                Console.WriteLine(Invariant($"| {set.Name} | {split} | {f.Questions} | {P(f.Right)} | {P(f.FalseAbstentions)} | {P(f.UnanswerableAbstained)} | {P(f.Precision)} | {P(f.Recall)} |"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("Signal ablation (configured threshold): right answers and unanswerable abstained with a signal switched off");
        Console.WriteLine("| signals off | " + string.Join(" | ", sets.Select(s => $"{s.Name} right | {s.Name} unanswerable abstained")) + " |");
        Console.WriteLine("|---|" + string.Join("|", sets.Select(_ => "---:|---:")) + "|");
        foreach (var off in Ablations)
        {
            options.DisabledSignals = off;
            var cells = new List<string>();
            foreach (var set in sets)
            {
                var s = (await runner.RunAsync(set, null, CancellationToken.None)).Service;
                cells.Add($"{P(s.Right)} | {P(s.UnanswerableAbstained)}");
            }

            Console.WriteLine($"| {(off.Length == 0 ? "none" : string.Join(", ", off))} | {string.Join(" | ", cells)} |");
        }

        options.DisabledSignals = [];
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return 0;
    }

    private static string P(double share) => double.IsNaN(share) ? "-" : (100 * share).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}

using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Evaluation.Answers;
using Spectre.Console;

namespace SlmRag.Cli.Commands;

/// <summary>
/// <c>slmrag eval answers FILE</c>: ingests an answer set (SQuAD 2.0 JSON, each paragraph a document, or a
/// questions.jsonl file with its documents folder) into a scratch collection, answers every question and
/// prints the answer service beside the naive baseline measured in the same run.
/// </summary>
internal static class EvalAnswersCommand
{
    public static Command Create(CommonOptions common)
    {
        var file = new Argument<string>("file") { Description = "A SQuAD 2.0 JSON file, or a questions.jsonl file (see corpora/README.md)." };
        var documents = new Option<string?>("--documents") { Description = "The documents folder of a questions.jsonl file (default: the folder next to it that holds every expected document)." };
        var show = new Option<bool>("--show-misses") { Description = "Print each answerable question the service missed and each unanswerable one it answered." };
        var calibrate = new Option<bool>("--calibrate") { Description = "Answer with no evidence threshold, fit Answers:MinEvidence on one half of the documents and report both halves." };
        var command = new Command("answers", "Measure answer quality (stated, cited, abstained, length, latency) against a naive baseline.") { file, documents, show, calibrate };
        command.SetAction((parse, cancellationToken) => CliErrors.Run(async () =>
        {
            AnswerSet set;
            try
            {
                set = AnswerSetReader.Read(parse.GetValue(file)!, parse.GetValue(documents));
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or System.Text.Json.JsonException or UnauthorizedAccessException)
            {
                throw new CliInputException(ex.Message);
            }

            AnsiConsole.MarkupLineInterpolated($"{set.Name}: {set.Questions.Count:N0} questions ({set.Questions.Count(q => q.Answerable):N0} answerable).");
            var overrides = common.Overrides(parse);
            var scratch = overrides.ContainsKey("Storage:DataDirectory") ? null : Directory.CreateTempSubdirectory("slmrag-eval-");
            if (scratch is not null)
            {
                overrides["Storage:DataDirectory"] = scratch.FullName;
            }

            try
            {
                using var host = await CliHost.StartAsync(overrides, runWorker: false, cancellationToken);
                var report = await host.Services.GetRequiredService<AnswerEvaluationRunner>().RunAsync(set,
                    new SynchronousProgress<string>(message => AnsiConsole.MarkupLineInterpolated($"[grey]{message}[/]")), cancellationToken, parse.GetValue(calibrate));
                AnsiConsole.Write(Table(report));
                if (parse.GetValue(calibrate))
                {
                    AnsiConsole.Write(CalibrationTable(report.ServiceOutcomes));
                }

                if (parse.GetValue(show))
                {
                    foreach (var o in report.ServiceOutcomes.Where(o => o.Question.Answerable ? !o.Right : !o.Abstained))
                    {
                        AnsiConsole.WriteLine($"{o.Question.Id} {(o.Abstained ? "abstained " + o.AbstentionReason : "answered")} (evidence {o.Evidence:0.###}): {o.Question.Question} -> {o.Text}");
                    }
                }

                return 0;
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                scratch?.Delete(recursive: true);
            }
        }));
        return command;
    }

    internal static Table Table(AnswerEvaluationReport report)
    {
        var table = new Table().Title($"{report.Set}: {report.Documents:N0} documents; retrieval alone p50 {report.RetrievalP50Ms:0.0} ms")
            .AddColumns("System", "right (stated + cited)", "stated", "false abstentions", "unanswerable abstained", "abstention P / R", "citation correct", "median words", "repeated", "p50 ms", "p99 ms");
        foreach (var s in new[] { report.Service, report.Baseline })
        {
            table.AddRow(s.System, P(s.Right), P(s.Stated), P(s.FalseAbstentions), P(s.UnanswerableAbstained), $"{P(s.AbstentionPrecision)} / {P(s.AbstentionRecall)}",
                P(s.CitationCorrect), s.MedianWords.ToString("0", CultureInfo.InvariantCulture), s.Repeated.ToString(CultureInfo.InvariantCulture),
                s.LatencyP50Ms.ToString("0.0", CultureInfo.InvariantCulture), s.LatencyP99Ms.ToString("0.0", CultureInfo.InvariantCulture));
        }

        return table;
    }

    internal static Table CalibrationTable(IReadOnlyList<AnswerOutcome> outcomes)
    {
        var tuning = outcomes.Where(o => !AbstentionCalibration.HeldOut(o.Question)).ToList();
        var heldOut = outcomes.Where(o => AbstentionCalibration.HeldOut(o.Question)).ToList();
        var threshold = AbstentionCalibration.Fit(tuning);
        var table = new Table().Title($"Abstention threshold fitted on the tuning half: {threshold:0.000}")
            .AddColumns("split", "questions", "right", "false abstentions", "unanswerable abstained", "abstention precision", "abstention recall");
        foreach (var (name, part) in new[] { ("tuning", tuning), ("held-out", heldOut), ("all", outcomes.ToList()) })
        {
            var f = AbstentionCalibration.At(part, threshold);
            table.AddRow(name, f.Questions.ToString(CultureInfo.InvariantCulture), P(f.Right), P(f.FalseAbstentions), P(f.UnanswerableAbstained), P(f.Precision), P(f.Recall));
        }

        return table;
    }

    private static string P(double share) => double.IsNaN(share) ? "-" : (100 * share).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}

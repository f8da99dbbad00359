using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Answers;
using SlmRag.Answers.Routing;
using SlmRag.Core.Retrieval;
using Spectre.Console;

namespace SlmRag.Cli.Commands;

/// <summary><c>slmrag router calibrate|stats|export</c>.</summary>
internal static class RouterCommand
{
    public static Command Create(CommonOptions common) => new("router", "Calibrate the local/frontier router, show its statistics, export escalations.")
    {
        Calibrate(common), Stats(common), Export(common),
    };

    /// <summary>Labeled questions of a routing file (JSON lines with question and route = local | escalate) as router features.</summary>
    public static async Task<List<(RouteFeatures Features, bool Escalate)>> LabeledAsync(AnswerService answers, string file, string collection, CancellationToken cancellationToken)
    {
        // The whole file is read before any retrieval, so a bad line fails at once.
        var labeled = new List<(string Question, bool Escalate)>();
        foreach (var (line, number) in File.ReadLines(file).Select((l, i) => (l, i + 1)).Where(p => p.l.Trim().Length > 0))
        {
            try
            {
                var item = JsonDocument.Parse(line).RootElement;
                var route = item.GetProperty("route").GetString();
                if (route is not ("local" or "escalate"))
                {
                    throw new InvalidOperationException($"route is '{route}'");
                }

                labeled.Add((item.GetProperty("question").GetString()!, route == "escalate"));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new CliInputException($"{file}:{number}: each line must be a JSON object with \"question\" and \"route\" (local or escalate): {e.Message}.");
            }
        }

        var examples = new List<(RouteFeatures, bool)>();
        foreach (var (question, escalate) in labeled)
        {
            examples.Add((await answers.RouteFeaturesAsync(new AnswerRequest(collection, question, SearchFilter.Everything, "calibration"), cancellationToken), escalate));
        }

        return examples;
    }

    private static Command Calibrate(CommonOptions common)
    {
        var file = new Option<string>("--file") { Description = "Labeled questions (JSON lines: question, route).", DefaultValueFactory = _ => "corpora/routing.jsonl" };
        var collection = new Option<string>("--collection", "-c") { Required = true, Description = "The collection the questions are about." };
        var share = new Option<double>("--target-share") { Description = "Escalate at most this share of the questions.", DefaultValueFactory = _ => 0.3 };
        var evaluationFile = new Option<string?>("--evaluation") { Description = "Answers saved by slmrag model evaluate: questions the tuned model answered well are labeled local, the others escalate." };
        var tuned = new Option<string?>("--tuned-model") { Description = "Which model of the evaluation file is deployed (default: its first local model)." };
        var minF1 = new Option<double>("--min-f1") { Description = "Token F1 at which an evaluated answer counts as good.", DefaultValueFactory = _ => 0.5 };
        var command = new Command("calibrate", "Fit the router (logistic regression over its features) and print the Router settings.") { file, collection, share, evaluationFile, tuned, minF1 };
        command.SetAction((parse, cancellationToken) => CliErrors.Run(async () =>
        {
            var path = parse.GetValue(file)!;
            var evaluated = parse.GetValue(evaluationFile);
            if (!File.Exists(path) && (evaluated is null || parse.GetResult(file) is { Implicit: false }))
            {
                throw new CliInputException($"'{path}' does not exist.");
            }

            using var host = await CliHost.StartAsync(common.Overrides(parse), runWorker: false, cancellationToken);
            var answers = host.Services.GetRequiredService<AnswerService>();
            var examples = File.Exists(path) ? await LabeledAsync(answers, path, parse.GetValue(collection)!, cancellationToken) : [];
            if (evaluated is not null)
            {
                var relabeled = EvaluationLabels.Read(evaluated, parse.GetValue(tuned), parse.GetValue(minF1));
                foreach (var (question, escalate) in relabeled.Labels)
                {
                    examples.Add((await answers.RouteFeaturesAsync(new AnswerRequest(parse.GetValue(collection)!, question, SearchFilter.Everything, "calibration"), cancellationToken), escalate));
                }

                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                    $"{relabeled.Labels.Count} evaluated questions of {relabeled.Model}: {relabeled.Labels.Count(l => !l.Escalate)} answered well (F1 >= {parse.GetValue(minF1)}) are labeled local.");
            }

            if (examples.Count == 0)
            {
                throw new CliInputException("No labeled questions to fit the router on.");
            }
            var fit = RouterCalibration.Fit(examples, parse.GetValue(share));
            var evaluation = RouterCalibration.Evaluate(examples, new RouterOptions { Weights = fit.Weights, Bias = fit.Bias, Threshold = fit.Threshold });
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"{evaluation.Questions} questions: accuracy {evaluation.Accuracy:P1}, escalated {evaluation.EscalatedShare:P1} (TP {evaluation.TruePositives}, FP {evaluation.FalsePositives}, TN {evaluation.TrueNegatives}, FN {evaluation.FalseNegatives}).");
            AnsiConsole.WriteLine("Put this in the Router section of appsettings.json:");
            Console.WriteLine(JsonSerializer.Serialize(new { fit.Weights, fit.Bias, fit.Threshold }, new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }));
        return command;
    }

    private static Command Stats(CommonOptions common)
    {
        var command = new Command("stats", "Route shares, escalation reasons, frontier tokens and cost, latency per route.");
        command.SetAction((parse, cancellationToken) => CliErrors.Run(async () =>
        {
            using var host = await CliHost.StartAsync(common.Overrides(parse), runWorker: false, cancellationToken);
            var stats = RouterStatistics.From(host.Services.GetRequiredService<RouterLog>().Decisions());
            var table = new Table().AddColumns("measure", "value");
            table.AddRow("questions", stats.Questions.ToString(CultureInfo.InvariantCulture));
            table.AddRow("local / frontier", string.Create(CultureInfo.InvariantCulture, $"{stats.LocalShare:P1} / {stats.FrontierShare:P1}"));
            table.AddRow("fallbacks to local", stats.Fallbacks.ToString(CultureInfo.InvariantCulture));
            table.AddRow("reasons", Markup.Escape(string.Join(", ", stats.Reasons.Select(r => $"{r.Key} {r.Value}"))));
            table.AddRow("frontier tokens, cost", string.Create(CultureInfo.InvariantCulture, $"{stats.FrontierTokens:N0}, ${stats.FrontierCost:0.0000}"));
            table.AddRow("median ms", Markup.Escape(string.Join(", ", stats.MedianMilliseconds.Select(r => $"{r.Key} {r.Value}"))));
            AnsiConsole.Write(table);
            return 0;
        }));
        return command;
    }

    private static Command Export(CommonOptions common)
    {
        var output = new Option<string>("--output", "-o") { Required = true, Description = "Where to write the chat-format JSONL fine-tuning set." };
        var command = new Command("export", "Export escalated exchanges (question, grounded context, frontier answer) as a chat-format JSONL fine-tuning set.") { output };
        command.SetAction((parse, cancellationToken) => CliErrors.Run(async () =>
        {
            using var host = await CliHost.StartAsync(common.Overrides(parse), runWorker: false, cancellationToken);
            var catalog = host.Services.GetRequiredService<SlmRag.Core.Storage.ICatalogStore>();
            var localOnly = (await catalog.ListCollectionsAsync(cancellationToken)).Where(c => c.Collection.LocalOnly).Select(c => c.Collection.Name).ToHashSet();
            var count = 0;
            await using var writer = new StreamWriter(parse.GetValue(output)!);
            foreach (var exchange in host.Services.GetRequiredService<RouterLog>().Escalations())
            {
                // A collection marked local-only since the exchange still never leaves the machine in a training set.
                if (localOnly.Contains(exchange.Collection))
                {
                    continue;
                }

                var messages = exchange.Messages.Select(m => new { role = m.Role, content = m.Content }).Append(new { role = "assistant", content = exchange.Answer });
                await writer.WriteLineAsync(JsonSerializer.Serialize(new { messages }));
                count++;
            }

            AnsiConsole.MarkupLineInterpolated($"Wrote {count} escalated exchanges to {parse.GetValue(output)}.");
            return 0;
        }));
        return command;
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Answers.Routing;
using SlmRag.Evaluation.Answers;
using SlmRag.LlamaCpp;
using SlmRag.LlamaCpp.Chat;
using SlmRag.LlamaCpp.Training;
using Spectre.Console;

namespace SlmRag.Cli.Commands;

/// <summary><c>slmrag model evaluate</c>: held-out questions through each model with the same prompt, side by side.</summary>
internal static class ModelEvaluateCommand
{
    public static Command Create(CommonOptions common)
    {
        var models = new Option<string[]>("--model", "-m") { Description = "A GGUF model to evaluate (repeat for several).", AllowMultipleArgumentsPerToken = false };
        var frontier = new Option<bool>("--frontier") { Description = "Also ask the configured frontier model (Frontier:Endpoint, Frontier:Model)." };
        var data = new Option<string>("--data") { Required = true, Description = "Held-out conversations (chat-format JSONL); the last assistant message is the reference." };
        var output = new Option<string?>("--out", "-o") { Description = "Where to save every answer (JSONL); default: <data>.answers.jsonl." };
        var context = new Option<int>("--context") { DefaultValueFactory = _ => 4096, Description = "Context window of the local models." };
        var maxTokens = new Option<int>("--max-tokens") { DefaultValueFactory = _ => 256, Description = "Output tokens per answer at most." };
        var threads = new Option<int>("--threads") { DefaultValueFactory = _ => 1, Description = "CPU threads per local model." };
        var command = new Command("evaluate", "Compare models on held-out questions: exact match, token F1, citation validity, abstention, latency, tokens.")
        {
            models, frontier, data, output, context, maxTokens, threads,
        };
        command.SetAction((parse, cancellationToken) => CliErrors.Run(async () =>
        {
            var paths = parse.GetValue(models) ?? [];
            if (paths.Length == 0 && !parse.GetValue(frontier))
            {
                throw new CliInputException("Name at least one --model, or --frontier.");
            }

            List<ChatExample> examples;
            try
            {
                examples = ChatExampleReader.Read(parse.GetValue(data)!);
            }
            catch (Exception e) when (e is FineTuneDataException or FileNotFoundException)
            {
                throw new CliInputException(e.Message);
            }

            var questions = examples.Select(e => new EvaluationQuestion(e.Line, e.Question,
                [.. e.Prompt.Select(m => new ChatMessage(new ChatRole(m.Role), m.Content))], e.Answer,
                AnswerScorer.SourceNumbers(string.Join('\n', e.Prompt.Select(m => m.Content))))).ToList();

            var clients = new List<(string Name, IChatClient Client)>();
            Microsoft.Extensions.Hosting.IHost? host = null;
            try
            {
                foreach (var path in paths)
                {
                    var client = LlamaChatClient.Load(new LlamaChatOptions { ModelPath = path, ContextSize = parse.GetValue(context), Threads = parse.GetValue(threads) });
                    clients.Add((Path.GetFileName(path), client));
                }

                if (parse.GetValue(frontier))
                {
                    host = await CliHost.StartAsync(common.Overrides(parse), runWorker: false, cancellationToken);
                    var client = host.Services.GetRequiredService<FrontierClient>().Client
                        ?? throw new CliInputException("--frontier needs Frontier:Endpoint and Frontier:Model configured.");
                    clients.Add(("frontier", client));
                }

                var answers = await AnsiConsole.Progress().StartAsync(async progress =>
                {
                    var tasks = clients.ToDictionary(c => c.Name, c => progress.AddTask(c.Name, maxValue: questions.Count));
                    var reporter = new SynchronousProgress<(string Model, int Done)>(p => tasks[p.Model].Value = p.Done);
                    return await ModelComparison.RunAsync(clients, questions, parse.GetValue(maxTokens), reporter, cancellationToken);
                });

                var saved = parse.GetValue(output) ?? Path.ChangeExtension(parse.GetValue(data)!, ".answers.jsonl");
                var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
                await File.WriteAllLinesAsync(saved, answers.Select(a => JsonSerializer.Serialize(a, options)), cancellationToken);
                var table = new Table().AddColumns("model", "questions", "exact match", "token F1", "citations valid", "abstained", "median ms", "output tokens");
                foreach (var (name, _) in clients)
                {
                    var s = ModelSummary.From(name, [.. answers.Where(a => a.Model == name)]);
                    table.AddRow(Markup.Escape(name), s.Questions.ToString(CultureInfo.InvariantCulture),
                        s.ExactMatch.ToString("P1", CultureInfo.InvariantCulture), s.TokenF1.ToString("0.000", CultureInfo.InvariantCulture),
                        s.CitationValidity.ToString("P1", CultureInfo.InvariantCulture), s.Abstention.ToString("P1", CultureInfo.InvariantCulture),
                        s.MedianLatencyMilliseconds.ToString("0", CultureInfo.InvariantCulture), s.MeanOutputTokens.ToString("0.0", CultureInfo.InvariantCulture));
                }

                AnsiConsole.Write(table);
                AnsiConsole.MarkupLineInterpolated($"Answers saved to {saved} (input to slmrag router calibrate --evaluation).");
                return 0;
            }
            finally
            {
                foreach (var (name, client) in clients.Where(c => c.Name != "frontier"))
                {
                    client.Dispose();
                }

                host?.Dispose();
            }
        }));
        return command;
    }
}

using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Answers;
using SlmRag.Core.Retrieval;
using Spectre.Console;

namespace SlmRag.Cli.Commands;

/// <summary><c>slmrag ask</c>: a grounded answer streamed to the terminal, then its sources.</summary>
internal static class AskCommand
{
    public static Command Create(CommonOptions common)
    {
        var question = new Argument<string>("question") { Description = "The question." };
        var collection = new Option<string>("--collection", "-c") { Required = true, Description = "The collection to ask." };
        var groups = new Option<string[]>("--group") { Description = "Answer as a caller in this group (repeatable); without it the CLI sees every document.", AllowMultipleArgumentsPerToken = true };
        var command = new Command("ask", "Ask a question; the answer streams with citations.") { question, collection, groups };
        command.SetAction((parse, cancellationToken) => CliErrors.Run(async () =>
        {
            using var host = await CliHost.StartAsync(common.Overrides(parse), runWorker: false, cancellationToken);
            var answers = host.Services.GetRequiredService<AnswerService>();
            var asGroups = parse.GetValue(groups) ?? [];
            // The CLI runs with the data directory's own rights unless told to answer as a group member.
            var filter = asGroups.Length == 0 ? SearchFilter.Everything : new SearchFilter([], asGroups);
            var request = new AnswerRequest(parse.GetValue(collection)!, parse.GetValue(question)!, filter, "cli");
            AnswerResult? result = null;
            await foreach (var item in answers.AskStreamingAsync(request, cancellationToken))
            {
                switch (item)
                {
                    case AnswerDelta delta:
                        Console.Write(delta.Text);
                        break;
                    case AnswerCompleted done:
                        result = done.Answer;
                        break;
                }
            }

            Console.WriteLine();
            Console.WriteLine();
            AnsiConsole.MarkupLine(result!.Abstained ? "[yellow]Closest sources:[/]" : "[bold]Sources:[/]");
            foreach (var citation in result.Citations)
            {
                var where = string.Join(" › ", citation.SectionPath) + (citation.PageStart is { } page ? $" (p. {page})" : string.Empty);
                AnsiConsole.MarkupLineInterpolated($"  [[{citation.Number}]] {citation.Title}{(where.Length > 0 ? " — " + where : string.Empty)}");
            }

            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"[grey]{result.Model}, {result.Timings.TotalMs:0} ms, {result.Usage.InputTokens} prompt and {result.Usage.OutputTokens} answer tokens[/]");
            return result.Abstained ? CliErrors.Failed : 0;
        }));
        return command;
    }
}

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
            if (result!.Abstained)
            {
                CliOutput.Note("The documents do not answer this question; closest sources:");
            }
            else
            {
                AnsiConsole.MarkupLine(CliOutput.Styled ? "[bold]Sources:[/]" : "Sources:");
            }

            foreach (var citation in result.Citations)
            {
                var where = CliOutput.Where(citation.Title, citation.SectionPath, citation.PageStart, citation.PageEnd);
                Console.WriteLine(CliOutput.Clip($"  [{citation.Number}] {citation.Title}{(where.Length > 0 ? " — " + where : string.Empty)}", CliOutput.Width));
            }

            var seconds = (result.Timings.TotalMs / 1000).ToString("0.0", CultureInfo.InvariantCulture);
            var summary = result.Usage.OutputTokens > 0
                ? $"{result.Model}, {seconds} s, {result.Usage.InputTokens} prompt and {result.Usage.OutputTokens} answer tokens"
                : $"quoted from the documents ({result.Model}), {seconds} s";
            AnsiConsole.MarkupLine(CliOutput.Styled ? $"[grey]{Markup.Escape(summary)}[/]" : Markup.Escape(summary));
            // Exit codes: 0 answered, 0 abstained (the note above says so), non-zero only for errors (see README, CLI).
            return 0;
        }));
        return command;
    }
}

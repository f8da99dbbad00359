using System.CommandLine;
using System.Globalization;
using SlmRag.LlamaCpp.Training;
using Spectre.Console;

namespace SlmRag.Cli.Commands;

/// <summary><c>slmrag model split</c>: an export into train/validation/test files, each question in one of them only.</summary>
internal static class ModelSplitCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Required = true, Description = "Chat-format JSONL (e.g. from slmrag router export)." };
        var output = new Option<string>("--out", "-o") { Required = true, Description = "Folder for train.jsonl, validation.jsonl and test.jsonl." };
        var validation = new Option<double>("--validation") { DefaultValueFactory = _ => 0.1, Description = "Share of questions for validation." };
        var test = new Option<double>("--test") { DefaultValueFactory = _ => 0.2, Description = "Share of questions held out for testing." };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1, Description = "Changes which questions go where." };
        var command = new Command("split", "Split a chat-format export into train/validation/test without a question in two sets.") { data, output, validation, test, seed };
        command.SetAction((parse, _) => CliErrors.Run(() =>
        {
            try
            {
                var (train, valid, held, questions) = TrainingSplit.Split(parse.GetValue(data)!, parse.GetValue(output)!, parse.GetValue(validation), parse.GetValue(test), parse.GetValue(seed));
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"{questions} distinct questions: {train} training, {valid} validation, {held} test conversations in {parse.GetValue(output)}.");
                return Task.FromResult(0);
            }
            catch (Exception e) when (e is FineTuneDataException or ArgumentException or FileNotFoundException)
            {
                throw new CliInputException(e.Message);
            }
        }));
        return command;
    }
}

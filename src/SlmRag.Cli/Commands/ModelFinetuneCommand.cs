using System.CommandLine;
using System.Globalization;
using SlmRag.LlamaCpp.Training;
using Spectre.Console;

namespace SlmRag.Cli.Commands;

/// <summary><c>slmrag model finetune</c>: trains a GGUF model on chat-format JSONL with llama.cpp, in this process.</summary>
internal static class ModelFinetuneCommand
{
    public static Command Create()
    {
        var baseModel = new Option<string>("--base") { Required = true, Description = "The GGUF model to start from (F16/quantized weights are converted to F32 first)." };
        var data = new Option<string>("--data") { Required = true, Description = "Training conversations: chat-format JSONL (router export, OpenAI fine-tuning format)." };
        var validation = new Option<string?>("--validation") { Description = "Held-out conversations whose loss is reported each epoch." };
        var output = new Option<string>("--out", "-o") { Required = true, Description = "Where to write the tuned GGUF." };
        var epochs = new Option<int>("--epochs") { DefaultValueFactory = _ => 3, Description = "Passes over the training set." };
        var rate = new Option<float>("--learning-rate", "--lr") { DefaultValueFactory = _ => 1e-4f, Description = "AdamW learning rate." };
        var context = new Option<int>("--context") { DefaultValueFactory = _ => 512, Description = "Tokens per conversation window (rounded up to a multiple of 256)." };
        var batch = new Option<int>("--batch") { DefaultValueFactory = _ => 0, Description = "Micro-batch tokens per step (a divisor of the context; 0: the whole window)." };
        var tensors = new Option<string>("--tensors") { DefaultValueFactory = _ => "all", Description = "Tensors that train: all, or attention,ffn,norms,output (comma-separated), or re:REGEX." };
        var threads = new Option<int>("--threads") { DefaultValueFactory = _ => 1, Description = "CPU threads." };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1, Description = "Seeds the example order of each epoch." };
        var restart = new Option<bool>("--restart") { Description = "Ignore a checkpoint of an interrupted run and start over." };
        var template = new Option<string?>("--chat-template") { Description = "Force a prompt format (ChatMl, Llama3, ...); default: the model's." };
        var command = new Command("finetune", "Fine-tune a GGUF model on chat-format JSONL (loss on the assistant's tokens only), with llama.cpp in-process.")
        {
            baseModel, data, validation, output, epochs, rate, context, batch, tensors, threads, seed, restart, template,
        };
        command.SetAction((parse, cancellationToken) => CliErrors.Run(async () =>
        {
            var options = new FineTuneOptions
            {
                BaseModelPath = parse.GetValue(baseModel)!,
                TrainingDataPath = parse.GetValue(data)!,
                ValidationDataPath = parse.GetValue(validation),
                OutputPath = parse.GetValue(output)!,
                Epochs = parse.GetValue(epochs),
                LearningRate = parse.GetValue(rate),
                ContextLength = parse.GetValue(context),
                MicroBatch = parse.GetValue(batch),
                Tensors = parse.GetValue(tensors)!,
                Threads = parse.GetValue(threads),
                Seed = parse.GetValue(seed),
                Resume = !parse.GetValue(restart),
                ChatTemplate = parse.GetValue(template),
            };
            try
            {
                var result = await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async progress =>
                    {
                        ProgressTask? task = null;
                        var reporter = new SynchronousProgress<FineTuneProgress>(p =>
                        {
                            if (p.Finished is { } done)
                            {
                                task?.Value(task.MaxValue);
                                task?.StopTask();
                                task = null;
                                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                                    $"epoch {done.Epoch}/{p.Epochs}: training loss {done.TrainingLoss:0.0000}, validation loss {(done.ValidationLoss is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "-")}, {done.TokensPerSecond:0.0} tokens/s, {done.Seconds:0.0} s");
                                return;
                            }

                            task ??= progress.AddTask($"epoch {p.Epoch}/{p.Epochs}", maxValue: Math.Max(1, p.Batches));
                            task.MaxValue = Math.Max(1, p.Batches);
                            task.Value = p.Batch;
                            task.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch}/{p.Epochs} {(p.Validating ? "validating" : "training")} {p.TokensPerSecond:0.0} tok/s");
                        });
                        return await Task.Run(() => LlamaFineTuner.Run(options, reporter, cancellationToken), cancellationToken);
                    });
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                    $"Wrote {result.OutputPath}: {result.TrainingExamples} training and {result.ValidationExamples} validation conversations, {result.TrainedTokensPerEpoch} assistant tokens per epoch, {result.TrainableTensors} trained tensors{(result.ResumedAfterEpoch > 0 ? $", resumed after epoch {result.ResumedAfterEpoch}" : string.Empty)}{(result.BudgetAdapters > 0 ? $", graph budget raised with {result.BudgetAdapters} idle adapters" : string.Empty)}.");
                AnsiConsole.MarkupLineInterpolated($"Use it with LlamaCpp__Chat__ModelPath={result.OutputPath}");
                return 0;
            }
            catch (FineTuneDataException e)
            {
                throw new CliInputException(e.Message);
            }
            catch (ArgumentException e)
            {
                throw new CliInputException(e.Message);
            }
            catch (OperationCanceledException)
            {
                AnsiConsole.MarkupLine("[yellow]Cancelled.[/] No output was written; run the same command again to resume after the last finished epoch.");
                return CliErrors.Failed;
            }
        }));
        return command;
    }
}

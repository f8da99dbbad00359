using System.CommandLine;
using System.Globalization;
using SlmRag.LlamaCpp;
using SlmRag.LlamaCpp.Chat;
using SlmRag.LlamaCpp.Quantization;
using Spectre.Console;

namespace SlmRag.Cli.Commands;

/// <summary><c>slmrag model info|quantize</c>: inspect a GGUF model, or quantize it with llama.cpp.</summary>
internal static class ModelCommand
{
    public static Command Create(CommonOptions common) => new("model", "Inspect, quantize, fine-tune and evaluate GGUF models.")
    {
        Info(), Quantize(), ModelFinetuneCommand.Create(), ModelEvaluateCommand.Create(common), ModelSplitCommand.Create(),
    };

    private static Command Info()
    {
        var path = new Argument<string>("path") { Description = "A GGUF model file." };
        var all = new Option<bool>("--metadata") { Description = "Also list every metadata key." };
        var command = new Command("info", "Show a GGUF model's architecture, size, context length, tokenizer and chat template.") { path, all };
        command.SetAction((parse, _) => CliErrors.Run(() =>
        {
            using var model = LlamaModel.Load(parse.GetValue(path)!);
            var runtime = LlamaRuntime.Current!;
            var table = new Table().AddColumns("property", "value").HideHeaders();
            void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
            Row("file", model.Path);
            Row("architecture", model.Architecture);
            Row("description", model.Description);
            Row("parameters", model.ParameterCount.ToString("N0", CultureInfo.InvariantCulture));
            Row("size", $"{model.SizeInBytes / 1048576.0:0.0} MiB");
            Row("trained context", model.TrainedContextLength.ToString(CultureInfo.InvariantCulture));
            Row("embedding size", model.EmbeddingSize.ToString(CultureInfo.InvariantCulture));
            Row("layers", model.LayerCount.ToString(CultureInfo.InvariantCulture));
            Row("vocabulary", $"{model.Tokenizer.VocabularySize:N0} tokens ({model.Metadata.GetValueOrDefault("tokenizer.ggml.model", "?")})");
            Row("chat template", model.ChatTemplate is null ? "none (SlmRag uses ChatML)" : $"{ChatTemplateRenderer.Detect(model.ChatTemplate)?.ToString() ?? "custom"} ({model.ChatTemplate.Length} characters)");
            Row("llama.cpp", $"{runtime.Version}, CPU backend {runtime.CpuVariant}");
            if (parse.GetValue(all))
            {
                foreach (var (key, value) in model.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    Row(key, value.Length > 120 ? value[..117] + "..." : value);
                }
            }

            AnsiConsole.Write(table);
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command Quantize()
    {
        var input = new Argument<string>("input") { Description = "The GGUF model to quantize (F32/F16/BF16 weights)." };
        var output = new Argument<string>("output") { Description = "Where to write the quantized model." };
        var type = new Option<QuantizationType>("--type", "-t") { Description = "Q8_0 (near-lossless), Q6_K, Q5_K_M, Q4_K_M (smallest) or F16.", DefaultValueFactory = _ => QuantizationType.Q8_0 };
        var threads = new Option<int>("--threads") { Description = "Threads (0: all cores).", DefaultValueFactory = _ => 0 };
        var command = new Command("quantize", "Quantize a GGUF model with llama.cpp.") { input, output, type, threads };
        command.SetAction((parse, cancellationToken) => CliErrors.Run(async () =>
        {
            var source = parse.GetValue(input)!;
            var target = parse.GetValue(output)!;
            var format = parse.GetValue(type);
            // llama.cpp reports no progress while quantizing; a spinner with elapsed time shows it is alive.
            await AnsiConsole.Status().StartAsync($"Quantizing {Path.GetFileName(source)} to {format}...", async _ =>
                await Task.Run(() => GgufQuantizer.Quantize(source, target, format, parse.GetValue(threads)), cancellationToken));
            var before = new FileInfo(source).Length;
            var after = new FileInfo(target).Length;
            AnsiConsole.MarkupLineInterpolated($"Wrote {target}: {after / 1048576.0:0.0} MiB ({after * 100.0 / before:0}% of {before / 1048576.0:0.0} MiB).");
            return 0;
        }));
        return command;
    }
}

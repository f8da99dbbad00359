using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SlmRag.LlamaCpp;
using SlmRag.LlamaCpp.Chat;
using SlmRag.LlamaCpp.Training;
using SlmRag.Testing;
using SlmRag.Testing.Gguf;

namespace SlmRag.Bench;

/// <summary>
/// Training throughput of <see cref="LlamaFineTuner"/> against a bare C loop over the same llama.cpp calls
/// (bench/finetune-c/train.c, built here with cc against node-llama-cpp 3.22.1's headers) on the same token windows
/// of the 135M-shaped random-weight model, 1 and 2 threads, each measurement in its own process (peak RSS per
/// process); then the deepest model that trains, with SlmRag's graph-budget adapters and without them (C loop).
/// </summary>
internal static class FinetuneBenchmark
{
    private const int Context = 256;

    public static async Task<int> RunAsync(int windows, int epochs, int[] depths)
    {
        var root = RepositoryPaths.Root;
        var libraries = LlamaRuntime.ResolveDirectory(null);
        using var directory = new TempDirectory();
        var baseline = await BuildBaselineAsync(directory.Path, libraries);
        Console.WriteLine("Writing the 135M-shaped random-weight model (F32, 30 layers, vocabulary 49,152) ...");
        var model = TinyModels.WriteChatModel(Path.Combine(directory.Path, "slm135m-f32.gguf"), TinyVocabulary.SentencePiece(49152), TinyModelShape.Slm135M, GgufTensorType.F32, neverEnds: true);
        var (data, windowFile, adapter, adapters) = Prepare(directory.Path, model, windows);

        Console.WriteLine();
        Console.WriteLine("| model | threads | implementation | training tok/s | peak RSS MB | SlmRag / C |");
        Console.WriteLine("|---|---:|---|---:|---:|---:|");
        foreach (var threads in new[] { 1, 2 })
        {
            var ours = await MeasureAsync("dotnet", [typeof(FinetuneBenchmark).Assembly.Location, "finetune-worker", model, data, threads.ToString(CultureInfo.InvariantCulture), epochs.ToString(CultureInfo.InvariantCulture)], root);
            var theirs = await MeasureAsync(baseline, [libraries, model, windowFile, threads.ToString(CultureInfo.InvariantCulture), epochs.ToString(CultureInfo.InvariantCulture), adapter, adapters.ToString(CultureInfo.InvariantCulture)], root);
            Console.WriteLine(Row("135M shape", threads, "SlmRag", ours, ours is { } o && theirs is { } t ? (o.TokensPerSecond / t.TokensPerSecond).ToString("0.000", CultureInfo.InvariantCulture) : "-"));
            Console.WriteLine(Row("135M shape", threads, "C loop", theirs, "baseline"));
        }

        Console.WriteLine();
        Console.WriteLine($"{windows} conversation window(s) of {Context} tokens per epoch, last of {epochs} epochs timed; {adapters} idle rank-1 adapters raise the graph budget on both sides; CPU backend {LlamaRuntime.Current?.CpuVariant}.");
        Console.WriteLine();
        Console.WriteLine("| layers (64 wide) | SlmRag (budget adapters) | C loop, default budget |");
        Console.WriteLine("|---:|---|---|");
        foreach (var layers in depths)
        {
            var deep = TinyModels.WriteChatModel(Path.Combine(directory.Path, $"deep-{layers}.gguf"), shape: new TinyModelShape(Layers: layers), type: GgufTensorType.F32);
            var (deepData, deepWindows, _, _) = Prepare(directory.Path, deep, 1);
            var ours = await MeasureAsync("dotnet", [typeof(FinetuneBenchmark).Assembly.Location, "finetune-worker", deep, deepData, "1", "1"], root);
            var theirs = await MeasureAsync(baseline, [libraries, deep, deepWindows, "1", "1"], root);
            Console.WriteLine($"| {layers} | {(ours is null ? "failed" : "trains")} | {(theirs is null ? "aborted" : "trains")} |");
        }

        return 0;
    }

    /// <summary>One fine-tuning run in this (fresh) process; prints tokens/s of the last epoch, peak RSS in KB, loss.</summary>
    public static int Worker(string[] args)
    {
        var work = Directory.CreateTempSubdirectory("slmrag-ft-");
        try
        {
            var result = LlamaFineTuner.Run(new FineTuneOptions
            {
                BaseModelPath = args[1],
                TrainingDataPath = args[2],
                OutputPath = Path.Combine(work.FullName, "out.gguf"),
                Threads = int.Parse(args[3], CultureInfo.InvariantCulture),
                Epochs = int.Parse(args[4], CultureInfo.InvariantCulture),
                ContextLength = Context,
                Resume = false,
            });
            var last = result.Epochs[^1];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{last.TokensPerSecond:0.000} {PeakRssKb()} {last.TrainingLoss:0.0000}"));
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static (string Data, string Windows, string Adapter, int Adapters) Prepare(string directory, string model, int windows)
    {
        var name = Path.GetFileNameWithoutExtension(model);
        var data = Path.Combine(directory, name + ".jsonl");
        var text = string.Join(' ', Enumerable.Repeat("How many days of annual leave does an employee have per year, and who must approve a request for remote work?", 8));
        File.WriteAllLines(data, Enumerable.Range(0, windows).Select(i => JsonSerializer.Serialize(new
        {
            messages = new object[] { new { role = "user", content = $"{i}: {text[..300]}" }, new { role = "assistant", content = text[..400] } },
        })));
        using var loaded = LlamaModel.Load(model, new LlamaModelLoadOptions { VocabularyOnly = true });
        var examples = ChatExampleReader.Read(data).Select(e => (data, e)).ToList();
        var (set, _) = TrainingSet.Build(examples, new ChatPromptFormatter(loaded, null), loaded, Context);
        var windowFile = Path.Combine(directory, name + ".bin");
        using (var writer = new BinaryWriter(File.Create(windowFile)))
        {
            writer.Write(Context);
            writer.Write(set.Count);
            // The C loop has no mask: masked positions get their next token, as an unmasked trainer would use.
            foreach (var window in set.Tokens)
            {
                window.ToList().ForEach(writer.Write);
            }

            foreach (var window in set.Tokens)
            {
                window.Skip(1).Append(window[^1]).ToList().ForEach(writer.Write);
            }
        }

        var tensors = GgufEditor.Tensors(model);
        // A vocabulary-only load reports no layers: the depth comes from the file's metadata.
        var required = GraphBudget.Required(int.Parse(GgufEditor.Value(model, "llama.block_count")!, CultureInfo.InvariantCulture));
        var budget = GraphBudget.Default(tensors.Count);
        var targets = BudgetAdapter.Targets(tensors);
        var adapters = required <= budget ? 0 : (required - budget + BudgetAdapter.NodesPerAdapter(targets) - 1) / BudgetAdapter.NodesPerAdapter(targets);
        var adapter = Path.Combine(directory, name + "-budget.gguf");
        BudgetAdapter.Write(adapter, "llama", targets);
        return (data, windowFile, adapter, adapters);
    }

    private static async Task<string> BuildBaselineAsync(string directory, string libraries)
    {
        Console.WriteLine("Building the C baseline against node-llama-cpp 3.22.1's headers (npm pack, git clone of its bundle) ...");
        await RunAsync("npm", ["pack", "node-llama-cpp@3.22.1", "--silent"], directory);
        var tarball = Directory.GetFiles(directory, "node-llama-cpp-*.tgz").Single();
        await RunAsync("tar", ["-xzf", tarball, "package/llama/gitRelease.bundle"], directory);
        await RunAsync("git", ["clone", "-q", "package/llama/gitRelease.bundle", "llama-src"], directory);
        var source = Path.Combine(RepositoryPaths.Root, "bench", "finetune-c", "train.c");
        var output = Path.Combine(directory, "train");
        await RunAsync("cc", ["-O2", "-o", output, source, "-I", "llama-src/include", "-I", "llama-src/ggml/include",
            Path.Combine(libraries, "libllama.v0.5.0.so"), Path.Combine(libraries, "libggml.v0.5.0.so"), Path.Combine(libraries, "libggml-base.so"), $"-Wl,-rpath,{libraries}"], directory);
        return output;
    }

    private sealed record Measurement(double TokensPerSecond, double PeakMegabytes);

    private static async Task<Measurement?> MeasureAsync(string program, string[] arguments, string directory)
    {
        var (exit, output) = await RunAsync(program, arguments, directory, allowFailure: true);
        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Split(' ');
        if (exit != 0 || last is not { Length: 3 } || !double.TryParse(last[0], CultureInfo.InvariantCulture, out var tps))
        {
            return null;
        }

        return new Measurement(tps, double.Parse(last[1], CultureInfo.InvariantCulture) / 1024);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string program, string[] arguments, string directory, bool allowFailure = false)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(deadline.Token);
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await error}");
        }

        return (process.ExitCode, await output);
    }

    private static long PeakRssKb() =>
        File.ReadLines("/proc/self/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)).FirstOrDefault();

    private static string Row(string model, int threads, string implementation, Measurement? m, string ratio) =>
        m is null
            ? $"| {model} | {threads} | {implementation} | failed | - | {ratio} |"
            : string.Create(CultureInfo.InvariantCulture, $"| {model} | {threads} | {implementation} | {m.TokensPerSecond:0.0} | {m.PeakMegabytes:0} | {ratio} |");
}

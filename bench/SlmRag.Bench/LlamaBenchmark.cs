using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using SlmRag.LlamaCpp;
using SlmRag.LlamaCpp.Quantization;
using SlmRag.Testing;
using SlmRag.Testing.Gguf;

namespace SlmRag.Bench;

/// <summary>
/// SlmRag's llama.cpp binding against node-llama-cpp 3.22.1 on the same binaries and the same random-weight
/// GGUF shaped like a 135M SLM (F16 and Q8_0, 1 and 2 threads). Every measurement runs in a fresh process
/// (peak memory is per process); SlmRag and Node alternate, and the table shows medians.
/// </summary>
internal static class LlamaBenchmark
{
    private const int ContextSize = 1024;

    public static async Task<int> RunAsync(int runs, int promptTokens, int generate, FlashAttentionMode flashAttention)
    {
        var root = RepositoryPaths.Root;
        var node = Path.Combine(root, "bench", "llama-node");
        await EnsureNodeBaselineAsync(node);
        using var directory = new TempDirectory();
        Console.WriteLine("Writing a random-weight model shaped like SmolLM-135M (F16), then quantizing to Q8_0 ...");
        var f16 = TinyModels.WriteChatModel(Path.Combine(directory.Path, "slm135m-f16.gguf"), TinyVocabulary.SentencePiece(49152), TinyModelShape.Slm135M, neverEnds: true);
        var q8 = Path.Combine(directory.Path, "slm135m-q8_0.gguf");
        GgufQuantizer.Quantize(f16, q8, QuantizationType.Q8_0);
        var prompt = Path.Combine(directory.Path, "prompt.json");
        using (var model = LlamaModel.Load(f16, new LlamaModelLoadOptions { VocabularyOnly = true }))
        {
            var text = string.Join(' ', Enumerable.Repeat("How many days of annual leave does an employee have per year, and who must approve a request for remote work?", 40));
            var ids = model.Tokenizer.Tokenize(text).Take(promptTokens).Select(t => t.Id).ToArray();
            await File.WriteAllTextAsync(prompt, JsonSerializer.Serialize(ids));
        }

        var rows = new List<string>();
        Console.WriteLine();
        Console.WriteLine($"| model | threads | implementation | prompt tok/s | time to first token ms | generation tok/s | peak RSS MB | SlmRag / node: prompt, first token, generation | SlmRag generation / raw C loop, same process |");
        Console.WriteLine("|---|---:|---|---:|---:|---:|---:|---|---:|");
        foreach (var (name, path) in new[] { ("F16", f16), ("Q8_0", q8) })
        {
            foreach (var threads in new[] { 1, 2 })
            {
                var ours = new List<Measurement>();
                var theirs = new List<Measurement>();
                for (var run = 0; run < runs; run++)
                {
                    string[] arguments = [path, prompt, threads.ToString(CultureInfo.InvariantCulture), generate.ToString(CultureInfo.InvariantCulture), ContextSize.ToString(CultureInfo.InvariantCulture), flashAttention.ToString()];
                    // Alternate which side goes first, so neither always runs on a cooler machine.
                    if (run % 2 == 1)
                    {
                        theirs.Add(await MeasureAsync("node", [Path.Combine(node, "bench.mjs"), .. arguments], node));
                    }

                    ours.Add(await MeasureAsync("dotnet", [typeof(LlamaBenchmark).Assembly.Location, "llama-worker", .. arguments], root));
                    if (run % 2 == 0)
                    {
                        theirs.Add(await MeasureAsync("node", [Path.Combine(node, "bench.mjs"), .. arguments], node));
                    }
                }

                var a = Median(ours);
                var b = Median(theirs);
                Console.WriteLine(Row(name, threads, "SlmRag", a, string.Create(CultureInfo.InvariantCulture,
                    $"{a.PromptTokensPerSecond / b.PromptTokensPerSecond:0.000}, {a.TimeToFirstTokenMs / b.TimeToFirstTokenMs:0.000}, {a.GenerationTokensPerSecond / b.GenerationTokensPerSecond:0.000} | {Mid(ours.Select(r => r.GenerationTokensPerSecond / r.RawLoopTokensPerSecond)):0.000}")));
                Console.WriteLine(Row(name, threads, "node-llama-cpp", b, "baseline | "));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Medians of {runs} runs each; prompt {promptTokens} tokens, {generate} generated tokens (greedy), context {ContextSize}, flash attention {flashAttention}, CPU backend {LlamaRuntime.Current?.CpuVariant}.");
        return 0;
    }

    /// <summary>The SlmRag side of one measurement, in its own process: the chat client's pooled context and decode loop.</summary>
    public static async Task<int> WorkerAsync(string[] args)
    {
        var (modelPath, promptPath) = (args[1], args[2]);
        var threads = int.Parse(args[3], CultureInfo.InvariantCulture);
        var generate = int.Parse(args[4], CultureInfo.InvariantCulture);
        var contextSize = int.Parse(args[5], CultureInfo.InvariantCulture);
        var flashAttention = Enum.Parse<FlashAttentionMode>(args[6]);
        var prompt = JsonSerializer.Deserialize<int[]>(await File.ReadAllTextAsync(promptPath))!;
        using var client = LlamaCpp.Chat.LlamaChatClient.Load(new LlamaChatOptions
        {
            ModelPath = modelPath, Threads = threads, ContextSize = contextSize, BatchSize = 512, FlashAttention = flashAttention,
        });
        // Warm-up, as in a running service: a short generation before anything is timed.
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = generate, AdditionalProperties = new() { ["repeat_penalty"] = 1f } };
        await client.GenerateTokensAsync(prompt[..8], new ChatOptions { Temperature = 0, MaxOutputTokens = 32, AdditionalProperties = new() { ["repeat_penalty"] = 1f } }, _ => { }, CancellationToken.None);
        // Let tiered compilation finish optimising the decode loop (it recompiles hot methods in the background).
        await Task.Delay(500);
        var promptTime = await client.EvaluatePromptAsync(prompt, CancellationToken.None);

        var clock = Stopwatch.StartNew();
        TimeSpan? first = null;
        // A different prompt of the same length, as on the Node side.
        var result = await client.GenerateTokensAsync([.. prompt.Reverse()], options, _ => first ??= clock.Elapsed, CancellationToken.None);
        var end = clock.Elapsed;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
        var raw = RawLlamaLoop.Generate(client.GetService<LlamaModel>()!, [.. prompt.Reverse()], generate, threads, contextSize, flashAttention);
        var measurement = new Measurement("SlmRag", prompt.Length, prompt.Length / promptTime.TotalSeconds, first!.Value.TotalMilliseconds,
            result.OutputTokens, (result.OutputTokens - 1) / (end - first.Value).TotalSeconds, peak, (generate - 1) / raw.TotalSeconds);
        Console.WriteLine(JsonSerializer.Serialize(measurement, JsonOptions));
        return 0;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static async Task<Measurement> MeasureAsync(string program, string[] arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = (await output).Split('\n').LastOrDefault(l => l.StartsWith('{'));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}");
        }

        return JsonSerializer.Deserialize<Measurement>(line, JsonOptions)!;
    }

    private static async Task EnsureNodeBaselineAsync(string folder)
    {
        if (Directory.Exists(Path.Combine(folder, "node_modules", "node-llama-cpp")))
        {
            return;
        }

        Console.WriteLine("Installing the baseline (node-llama-cpp 3.22.1) into bench/llama-node/node_modules ...");
        var start = new ProcessStartInfo("npm", "install --no-audit --no-fund --ignore-scripts") { WorkingDirectory = folder };
        start.Environment["NODE_LLAMA_CPP_SKIP_DOWNLOAD"] = "true";
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("npm install of the node-llama-cpp baseline failed.");
        }
    }

    private static Measurement Median(List<Measurement> runs) =>
        new(runs[0].Implementation, runs[0].PromptTokens, Mid(runs.Select(r => r.PromptTokensPerSecond)), Mid(runs.Select(r => r.TimeToFirstTokenMs)),
            runs[0].GeneratedTokens, Mid(runs.Select(r => r.GenerationTokensPerSecond)), Mid(runs.Select(r => r.PeakMemoryMb)),
            Mid(runs.Select(r => r.RawLoopTokensPerSecond)));

    private static double Mid(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Row(string model, int threads, string implementation, Measurement m, string ratio) => string.Create(CultureInfo.InvariantCulture,
        $"| {model} | {threads} | {implementation} | {m.PromptTokensPerSecond:0.0} | {m.TimeToFirstTokenMs:0.0} | {m.GenerationTokensPerSecond:0.0} | {m.PeakMemoryMb:0} | {ratio} |");

    private sealed record Measurement(string Implementation, int PromptTokens, double PromptTokensPerSecond, double TimeToFirstTokenMs,
        int GeneratedTokens, double GenerationTokensPerSecond, double PeakMemoryMb, double RawLoopTokensPerSecond = 0);
}

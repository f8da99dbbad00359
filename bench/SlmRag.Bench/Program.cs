using SlmRag.Bench;

// dotnet run -c Release --project bench/SlmRag.Bench -- ingestion [--shared ../shared] [--runs 3]
//   ... -- answers [--shared ../shared]   (answer quality, latency and HTTP throughput, extractive mode)
//   ... -- answer-quality [--shared ../shared]   (SQuAD Normans + corpora questions vs the naive baseline, calibration, signal ablation)
//   ... -- router   (router accuracy and confusion matrix on corpora/routing.jsonl)
//   ... -- llama [--runs 3] [--prompt 256] [--generate 64] [--flash-attention Disabled|Enabled|Auto]   (SlmRag's llama.cpp binding against node-llama-cpp)
var command = args.FirstOrDefault() ?? "ingestion";
var shared = Argument("--shared") ?? Path.GetFullPath(Path.Combine(Directory.GetCurrentDirectory(), "..", "shared"));
var runs = int.TryParse(Argument("--runs"), out var r) ? r : 3;
switch (command)
{
    case "ingestion":
        return await IngestionBenchmark.RunAsync(shared, runs);
    case "vectors":
        return VectorScanBenchmark.Run(Math.Max(runs, 5));
    case "retrieval":
        return await RetrievalBenchmark.RunAsync(shared, Settings(), args.Contains("--grid"), args.Contains("--fusion-grid"));
    case "answers":
        return await AnswerBenchmark.RunAsync(shared, Math.Max(runs, 3));
    case "answer-quality":
        return await AnswerQualityBenchmark.RunAsync(shared);
    case "router":
        return await RouterBenchmark.RunAsync();
    case "llama":
        return await LlamaBenchmark.RunAsync(runs, int.TryParse(Argument("--prompt"), out var p) ? p : 256, int.TryParse(Argument("--generate"), out var g) ? g : 64,
            Enum.Parse<SlmRag.LlamaCpp.FlashAttentionMode>(Argument("--flash-attention") ?? "Disabled", ignoreCase: true));
    case "llama-model":
        // Writes the benchmark's random-weight 135M-shaped model (F16) to the given path, for trying things by hand.
        SlmRag.Testing.Gguf.TinyModels.WriteChatModel(args[1], SlmRag.Testing.Gguf.TinyVocabulary.SentencePiece(49152), SlmRag.Testing.Gguf.TinyModelShape.Slm135M, neverEnds: true);
        return 0;
    case "llama-worker":
        return await LlamaBenchmark.WorkerAsync(args);
    default:
        Console.Error.WriteLine($"Unknown benchmark '{command}'. Available: ingestion, retrieval, vectors, llama, answers, answer-quality, router.");
        return 2;
}

// --set Key=Value overrides configuration (e.g. --set Retrieval:Bm25:B=0.3), for tuning runs.
Dictionary<string, string?> Settings() =>
    args.Select((a, i) => (a, i)).Where(p => p.a == "--set" && p.i + 1 < args.Length)
        .Select(p => args[p.i + 1].Split('=', 2)).ToDictionary(kv => kv[0], kv => (string?)kv[1]);

string? Argument(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

using SlmRag.Bench;

// dotnet run -c Release --project bench/SlmRag.Bench -- ingestion [--shared ../shared] [--runs 3]
//   ... -- retrieval [--collections vaswani,cranfield] [--grid] [--fusion-grid] [--set Key=Value] [--query-precision Int8]   (MAP etc. against FTS5;
//          MiniLM Float32 vs Int8 query embedding in the same run; --query-precision: queries in another precision than documents)
//   ... -- embedding-ingestion [--runs 1]   (the pipeline with the default embedding model against the same pipeline without embeddings)
//   ... -- answers [--shared ../shared]   (answer quality, latency and HTTP throughput, extractive mode)
//   ... -- ann [--data random|clustered|minilm] [--vectors 1000000] [--queries 100] [--ef 32,64,128,256] [--max-build-minutes 20] [--binary 0.02,0.05]   (HNSW vs exact scan; --ef 0: no graph; --binary: sign-bit shortlist shares;
//          minilm: shared collections embedded once, cached in bench/output/, the time bound also bounds embedding)
//   ... -- answer-quality [--shared ../shared]   (SQuAD Normans + corpora questions vs the naive baseline, calibration, signal ablation)
//   ... -- router   (router accuracy and confusion matrix on corpora/routing.jsonl)
//   ... -- sandbox [--runs 3] [--shared ../shared]   (extraction in sandboxed children against in-process extraction)
//   ... -- finetune [--windows 1] [--epochs 2] [--depths 8,16,32,64]   (training tok/s vs a C loop; deepest model that trains; peak memory)
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
        return await RetrievalBenchmark.RunAsync(shared, Settings(), args.Contains("--grid"), args.Contains("--fusion-grid"), Argument("--collections"),
            Argument("--query-precision") is { } qp ? Enum.Parse<SlmRag.Embeddings.MiniLM.MiniLMPrecision>(qp, ignoreCase: true) : null);
    case "embedding-ingestion":
        return await EmbeddingIngestionBenchmark.RunAsync(shared, Settings(), runs);
    case "answers":
        return await AnswerBenchmark.RunAsync(shared, Math.Max(runs, 3));
    case "answer-quality":
        return await AnswerQualityBenchmark.RunAsync(shared);
    case "router":
        return await RouterBenchmark.RunAsync();
    case "sandbox":
        return await SandboxBenchmark.RunAsync(shared, runs);
    case "ann":
        return AnnBenchmark.Run(Argument("--data") ?? "random", int.TryParse(Argument("--vectors"), out var n) ? n : 1_000_000, int.TryParse(Argument("--queries"), out var q) ? q : 100,
            (Argument("--ef") ?? "32,64,128,256").Split(',').Select(int.Parse).ToArray(), TimeSpan.FromMinutes(double.TryParse(Argument("--max-build-minutes"), out var m) ? m : 20), shared,
            (Argument("--binary") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
    case "llama":
        return await LlamaBenchmark.RunAsync(runs, int.TryParse(Argument("--prompt"), out var p) ? p : 256, int.TryParse(Argument("--generate"), out var g) ? g : 64,
            Enum.Parse<SlmRag.LlamaCpp.FlashAttentionMode>(Argument("--flash-attention") ?? "Disabled", ignoreCase: true));
    case "llama-model":
        // Writes the benchmark's random-weight 135M-shaped model (F16) to the given path, for trying things by hand.
        SlmRag.Testing.Gguf.TinyModels.WriteChatModel(args[1], SlmRag.Testing.Gguf.TinyVocabulary.SentencePiece(49152), SlmRag.Testing.Gguf.TinyModelShape.Slm135M, neverEnds: true);
        return 0;
    case "finetune":
        return await FinetuneBenchmark.RunAsync(int.TryParse(Argument("--windows"), out var w) ? w : 1, int.TryParse(Argument("--epochs"), out var e) ? e : 2,
            (Argument("--depths") ?? "8,16,32,64").Split(',').Select(int.Parse).ToArray());
    case "finetune-worker":
        return FinetuneBenchmark.Worker(args);
    case "llama-worker":
        return await LlamaBenchmark.WorkerAsync(args);
    default:
        Console.Error.WriteLine($"Unknown benchmark '{command}'. Available: ingestion, embedding-ingestion, retrieval, vectors, llama, answers, router, sandbox, finetune, ann, answer-quality.");
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

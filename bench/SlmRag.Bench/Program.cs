using SlmRag.Bench;

// dotnet run -c Release --project bench/SlmRag.Bench -- ingestion [--shared ../shared] [--runs 3]
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
    default:
        Console.Error.WriteLine($"Unknown benchmark '{command}'. Available: ingestion, retrieval, vectors.");
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

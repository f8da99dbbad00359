using SlmRag.Bench;

// dotnet run -c Release --project bench/SlmRag.Bench -- ingestion [--shared ../shared] [--runs 3]
var command = args.FirstOrDefault() ?? "ingestion";
var shared = Argument("--shared") ?? Path.GetFullPath(Path.Combine(Directory.GetCurrentDirectory(), "..", "shared"));
var runs = int.TryParse(Argument("--runs"), out var r) ? r : 3;
switch (command)
{
    case "ingestion":
        return await IngestionBenchmark.RunAsync(shared, runs);
    default:
        Console.Error.WriteLine($"Unknown benchmark '{command}'. Available: ingestion.");
        return 2;
}

string? Argument(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

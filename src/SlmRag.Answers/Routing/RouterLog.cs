using System.Text.Json;

namespace SlmRag.Answers.Routing;

/// <summary>
/// Appends every route decision (for statistics) and every escalated exchange (for distillation) as JSON
/// lines under <c>{DataDirectory}/router/</c>. Escalations are never recorded for local-only collections.
/// </summary>
public sealed class RouterLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lock _gate = new();

    public RouterLog(string directory)
    {
        Directory = Path.GetFullPath(directory);
    }

    public string Directory { get; }

    public string DecisionsPath => Path.Combine(Directory, "decisions.jsonl");

    public string EscalationsPath => Path.Combine(Directory, "escalations.jsonl");

    public void RecordDecision(RouteRecord record) => Append(DecisionsPath, record);

    public void RecordEscalation(EscalationRecord record) => Append(EscalationsPath, record);

    public IEnumerable<RouteRecord> Decisions() => Read<RouteRecord>(DecisionsPath);

    public IEnumerable<EscalationRecord> Escalations() => Read<EscalationRecord>(EscalationsPath);

    private void Append<T>(string path, T record)
    {
        var line = JsonSerializer.Serialize(record, Json) + "\n";
        lock (_gate)
        {
            System.IO.Directory.CreateDirectory(Directory);
            File.AppendAllText(path, line);
        }
    }

    private static IEnumerable<T> Read<T>(string path)
    {
        if (!File.Exists(path))
        {
            yield break;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.Length > 0)
            {
                yield return JsonSerializer.Deserialize<T>(line, Json)!;
            }
        }
    }
}

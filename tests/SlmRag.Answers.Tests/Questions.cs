using System.Text.Json;
using SlmRag.Testing;

namespace SlmRag.Answers.Tests;

/// <summary>corpora/questions.jsonl.</summary>
public sealed record Question(string Id, string Question_, string? Document, string? Evidence, bool Answerable, string? Conversation = null)
{
    public static IReadOnlyList<Question> All { get; } = File.ReadLines(Path.Combine(RepositoryPaths.Corpora, "questions.jsonl"))
        .Where(l => l.Trim().Length > 0)
        .Select(l => JsonDocument.Parse(l).RootElement)
        .Select(e => new Question(
            e.GetProperty("id").GetString()!,
            e.GetProperty("question").GetString()!,
            e.TryGetProperty("document", out var d) ? d.GetString() : null,
            e.TryGetProperty("evidence", out var v) ? v.GetString() : null,
            !e.TryGetProperty("answerable", out var a) || a.GetBoolean(),
            e.TryGetProperty("conversation", out var c) ? c.GetString() : null))
        .ToList();
}

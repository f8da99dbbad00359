using System.Text.Json;

namespace SlmRag.Evaluation.Answers;

/// <summary>
/// Reads the <c>corpora/questions.jsonl</c> format: one JSON object a line with <c>id</c>, <c>question</c>,
/// optional <c>answerable</c> (default true), <c>document</c> or <c>documents</c> (keys relative to the
/// documents folder), <c>page</c> or <c>pages</c>, <c>keywords</c> (all must appear in the answer),
/// <c>answers</c> (any may appear) and <c>conversation</c>. The documents folder defaults to the folder
/// next to the file that holds every expected document.
/// </summary>
public static class QuestionFileReader
{
    public static AnswerSet Read(string path, string? documents = null)
    {
        var questions = new List<AnswerQuestion>();
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (text.Trim().Length == 0)
            {
                continue;
            }

            try
            {
                var e = JsonDocument.Parse(text).RootElement;
                var answerable = !e.TryGetProperty("answerable", out var a) || a.GetBoolean();
                questions.Add(new AnswerQuestion(
                    e.TryGetProperty("id", out var id) ? id.ToString() : $"line{line}",
                    e.GetProperty("question").GetString() ?? throw new InvalidDataException("empty question"),
                    answerable,
                    Strings(e, "answers", null), Strings(e, "keywords", null), Strings(e, "documents", "document"),
                    Strings(e, "pages", "page").Select(int.Parse).ToList(),
                    e.TryGetProperty("conversation", out var c) ? c.ToString() : null));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new InvalidDataException($"{path}:{line}: {ex.Message}", ex);
            }
        }

        var folder = documents ?? Guess(Path.GetDirectoryName(Path.GetFullPath(path))!, questions);
        if (!Directory.Exists(folder))
        {
            throw new InvalidDataException($"Documents folder '{folder}' does not exist (pass it explicitly).");
        }

        return new AnswerSet(Path.GetFileNameWithoutExtension(path), [], folder, questions);
    }

    private static List<string> Strings(JsonElement e, string plural, string? singular)
    {
        if (e.TryGetProperty(plural, out var many) && many.ValueKind == JsonValueKind.Array)
        {
            return many.EnumerateArray().Select(x => x.ToString()).ToList();
        }

        return singular is not null && e.TryGetProperty(singular, out var one) && one.ValueKind != JsonValueKind.Null ? [one.ToString()] : [];
    }

    private static string Guess(string directory, List<AnswerQuestion> questions)
    {
        var expected = questions.SelectMany(q => q.Documents).Distinct().ToList();
        return Directory.GetDirectories(directory).FirstOrDefault(d => expected.Count > 0 && expected.All(k => File.Exists(Path.Combine(d, k))))
            ?? throw new InvalidDataException($"No folder next to the question file holds its documents; pass the documents folder.");
    }
}

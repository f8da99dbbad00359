using System.Globalization;
using System.Text.Json;

namespace SlmRag.Evaluation.Answers;

/// <summary>
/// Reads a SQuAD 2.0 JSON file (data[].paragraphs[].context / qas[]): each paragraph is a document
/// keyed "{article index}-{paragraph index}"; questions with <c>is_impossible</c> are unanswerable.
/// </summary>
public static class SquadReader
{
    public static AnswerSet Read(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        if (!json.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{path}: not a SQuAD file (no \"data\" array).");
        }

        var texts = new List<(string, string)>();
        var questions = new List<AnswerQuestion>();
        var article = 0;
        foreach (var entry in data.EnumerateArray())
        {
            var paragraph = 0;
            foreach (var p in Array(entry, "paragraphs", path))
            {
                var key = string.Create(CultureInfo.InvariantCulture, $"{article}-{paragraph}");
                texts.Add((key, p.GetProperty("context").GetString() ?? string.Empty));
                foreach (var qa in Array(p, "qas", path))
                {
                    var impossible = qa.TryGetProperty("is_impossible", out var i) && i.GetBoolean();
                    var answers = impossible || !qa.TryGetProperty("answers", out var a) ? []
                        : a.EnumerateArray().Select(x => x.GetProperty("text").GetString() ?? string.Empty).Where(x => x.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                    questions.Add(new AnswerQuestion(qa.GetProperty("id").GetString() ?? key, qa.GetProperty("question").GetString() ?? string.Empty,
                        !impossible && answers.Count > 0, answers, [], impossible ? [] : [key], []));
                }

                paragraph++;
            }

            article++;
        }

        return new AnswerSet(Path.GetFileNameWithoutExtension(path), texts, null, questions);
    }

    private static JsonElement.ArrayEnumerator Array(JsonElement element, string name, string path) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : throw new InvalidDataException($"{path}: an entry has no \"{name}\" array.");
}

using System.Text.Json;
using SlmRag.Evaluation.Answers;

namespace SlmRag.Cli.Commands;

/// <summary>Routing labels from an evaluation file: a question the deployed model answered well stays local.</summary>
internal static class EvaluationLabels
{
    public static (string Model, List<(string Question, bool Escalate)> Labels) Read(string path, string? model, double minF1)
    {
        if (!File.Exists(path))
        {
            throw new CliInputException($"'{path}' does not exist.");
        }

        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var answers = new List<ModelAnswer>();
        foreach (var (line, number) in File.ReadLines(path).Select((l, i) => (l, i + 1)).Where(p => p.l.Trim().Length > 0))
        {
            try
            {
                answers.Add(JsonSerializer.Deserialize<ModelAnswer>(line, options) ?? throw new JsonException("null"));
            }
            catch (JsonException e)
            {
                throw new CliInputException($"{path}:{number}: not an answer line of slmrag model evaluate ({e.Message}).");
            }
        }

        var chosen = model ?? answers.Select(a => a.Model).FirstOrDefault(m => m != "frontier")
            ?? throw new CliInputException($"{path} holds no local model's answers.");
        var labels = answers.Where(a => a.Model == chosen).Select(a => (a.Question, !(a.TokenF1 >= minF1 && !a.Abstained))).ToList();
        return labels.Count == 0 ? throw new CliInputException($"{path} holds no answers of '{chosen}'.") : (chosen, labels);
    }
}

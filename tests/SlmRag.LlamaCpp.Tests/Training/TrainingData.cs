using System.Text.Json;

namespace SlmRag.LlamaCpp.Tests.Training;

/// <summary>Small question/answer sets in the export format, written for the training tests.</summary>
internal static class TrainingData
{
    public static readonly (string Question, string Answer)[] Pairs =
    [
        ("how many leave days per year", "employees have 30 days of leave per year"),
        ("who does approval for travel", "the manager does approval for travel"),
        ("where is the laptop policy", "the laptop policy is in the security document"),
        ("when is the expense report", "the expense report is each month"),
    ];

    public const string System = "answer the question";

    public static string Write(string path, IEnumerable<(string Question, string Answer)> pairs)
    {
        File.WriteAllLines(path, pairs.Select(p => JsonSerializer.Serialize(new
        {
            messages = new object[]
            {
                new { role = "system", content = System },
                new { role = "user", content = p.Question },
                new { role = "assistant", content = p.Answer },
            },
        })));
        return path;
    }
}

using System.Text.Json;
using SlmRag.Testing;
using SlmRag.Testing.Gguf;

namespace SlmRag.Cli.Tests.Commands;

/// <summary><c>slmrag model split|finetune|evaluate</c> through the real executable, on a generated model.</summary>
public sealed class ModelFinetuneCommandTests
{
    private static readonly (string Question, string Answer)[] Pairs =
    [
        ("how many leave days per year", "employees have 30 days of leave per year [1]"),
        ("who does approval for travel", "the manager does approval for travel [1]"),
        ("where is the laptop policy", "the laptop policy is in the security document [1]"),
        ("when is the expense report", "the expense report is each month [1]"),
    ];

    private static string Line(string question, string answer) => JsonSerializer.Serialize(new
    {
        messages = new object[]
        {
            new { role = "system", content = "answer from the sources" },
            new { role = "user", content = $"<source number=\"1\" title=\"policy\">\n{answer}\n</source>\n\nQuestion: {question}" },
            new { role = "assistant", content = answer },
        },
    });

    [Fact]
    public async Task A_tuned_model_scores_above_its_base_on_its_training_questions()
    {
        RepositoryPaths.RequireLlamaLibraries();
        using var directory = new TempDirectory();
        var model = TinyModels.WriteChatModel(directory.File("base.gguf"));
        var data = directory.File("train.jsonl");
        File.WriteAllLines(data, Pairs.Select(p => Line(p.Question, p.Answer)));
        var tuned = directory.File("tuned.gguf");
        var (exit, output) = await SlmRagProcess.RunAsync(["model", "finetune", "--base", model, "--data", data, "--out", tuned,
            "--epochs", "150", "--lr", "0.001", "--context", "256"]);
        Assert.True(exit == 0, output);
        Assert.Contains("epoch 150/150: training loss", output);
        Assert.Contains("Wrote", output);

        var answers = directory.File("answers.jsonl");
        (exit, output) = await SlmRagProcess.RunAsync(["model", "evaluate", "--model", model, "--model", tuned, "--data", data, "--out", answers, "--context", "512", "--max-tokens", "32"]);
        Assert.True(exit == 0, output);
        Assert.Contains("exact match", output);
        var rows = File.ReadLines(answers).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2 * Pairs.Length, rows.Count);
        double F1(string name) => rows.Where(r => r.GetProperty("model").GetString() == name).Average(r => r.GetProperty("tokenF1").GetDouble());
        Assert.True(F1("tuned.gguf") > F1("base.gguf") + 0.5, $"tuned {F1("tuned.gguf")}, base {F1("base.gguf")}");
        Assert.True(rows.Count(r => r.GetProperty("model").GetString() == "tuned.gguf" && r.GetProperty("citationsValid").GetBoolean()) >= 3, output);
    }

    [Fact]
    public async Task Split_keeps_each_question_in_one_set_and_reports_bad_lines()
    {
        using var directory = new TempDirectory();
        var data = directory.File("export.jsonl");
        // Each question three times (escalated again with other sources): a split by line would leak it.
        var lines = Enumerable.Range(0, 40).SelectMany(i => Enumerable.Range(0, 3).Select(k => Line($"Question number {i}?{new string(' ', k)}", $"answer {i} [1]"))).ToList();
        File.WriteAllLines(data, lines);
        var (exit, output) = await SlmRagProcess.RunAsync(["model", "split", "--data", data, "--out", directory.Path, "--validation", "0.2", "--test", "0.2"]);
        Assert.True(exit == 0, output);
        Assert.Contains("40 distinct questions", output);
        var sets = new[] { "train.jsonl", "validation.jsonl", "test.jsonl" }
            .Select(f => File.ReadAllLines(directory.File(f)).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("messages")[1].GetProperty("content").GetString()!.Split("Question: ")[1].Trim()).ToHashSet())
            .ToList();
        Assert.All(sets, s => Assert.NotEmpty(s));
        Assert.Equal(40, sets.Sum(s => s.Count));
        Assert.Empty(sets[0].Intersect(sets[1]).Concat(sets[0].Intersect(sets[2])).Concat(sets[1].Intersect(sets[2])));

        File.AppendAllLines(data, ["{\"messages\": \"oops\"}"]);
        (exit, output) = await SlmRagProcess.RunAsync(["model", "split", "--data", data, "--out", directory.Path]);
        Assert.Equal(2, exit);
        Assert.Contains("export.jsonl:121", output);
    }
}

using System.Text.Json;
using SlmRag.Answers;
using SlmRag.Answers.Routing;
using SlmRag.Testing;

namespace SlmRag.Cli.Tests.Commands;

public sealed class RouterCommandTests
{
    [Fact]
    public async Task Export_writes_escalations_as_a_chat_fine_tuning_set_and_stats_summarise_the_decisions()
    {
        using var directory = new TempDirectory();
        var data = Path.Combine(directory.Path, "data");
        var log = new RouterLog(Path.Combine(data, "router"));
        var citation = new Citation(1, "d", "c", "Travel", [], null, null, "180 euros", 0, 9, null);
        log.RecordEscalation(new EscalationRecord(DateTimeOffset.UtcNow, "policies", "Compare A and B?",
            [new ExchangeMessage("system", "rules"), new ExchangeMessage("user", "Sources: ... Question: Compare A and B?")], "A is 180 euros [1].", [citation]));
        log.RecordDecision(new RouteRecord(DateTimeOffset.UtcNow, "policies", "k", RouteTarget.Frontier, "comparison", false, 900, 100, 0.003, 1200));
        log.RecordDecision(new RouteRecord(DateTimeOffset.UtcNow, "policies", "k", RouteTarget.Local, "routine", false, 0, 0, 0, 8));
        var output = Path.Combine(directory.Path, "train.jsonl");

        var (exit, text) = await SlmRagProcess.RunAsync(["router", "export", "-o", output, "--data-dir", data]);
        var (statsExit, stats) = await SlmRagProcess.RunAsync(["router", "stats", "--data-dir", data]);

        Assert.True(exit == 0, text);
        var line = JsonDocument.Parse(File.ReadLines(output).Single()).RootElement;
        Assert.Equal(["system", "user", "assistant"], line.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("A is 180 euros [1].", line.GetProperty("messages")[2].GetProperty("content").GetString());
        Assert.Equal(0, statsExit);
        Assert.Contains("50.0 % / 50.0 %", stats);
        Assert.Contains("comparison 1", stats);
        Assert.Contains("1,000", stats);
    }

    [Fact]
    public async Task Calibrating_with_a_bad_file_or_an_unknown_collection_exits_2_with_a_message()
    {
        using var directory = new TempDirectory();
        var data = Path.Combine(directory.Path, "data");
        var broken = directory.File("routing.jsonl", "{\"question\": \"a\", \"route\": \"local\"}\nnot json\n");
        var good = directory.File("good.jsonl", "{\"question\": \"a\", \"route\": \"local\"}\n");

        var (badExit, badOutput) = await SlmRagProcess.RunAsync(["router", "calibrate", "-c", "hr", "--file", broken, "--data-dir", data]);
        var (missingExit, missingOutput) = await SlmRagProcess.RunAsync(["router", "calibrate", "-c", "nope", "--file", good, "--data-dir", data]);

        Assert.Equal(2, badExit);
        Assert.Contains("routing.jsonl:2", badOutput);
        Assert.Equal(2, missingExit);
        Assert.Contains("nope", missingOutput);
        Assert.DoesNotContain("   at ", missingOutput);
    }
}

using SlmRag.Testing;

namespace SlmRag.Cli.Tests.Commands;

public sealed class AskCommandTests
{
    [Fact]
    public async Task Streams_an_answer_with_its_sources_and_exits_0_with_a_note_when_it_abstains()
    {
        using var directory = new TempDirectory();
        var data = Path.Combine(directory.Path, "data");
        directory.File("docs/leave.md", "# Annual leave\n\nFull-time employees receive 27 days of paid annual leave per calendar year.\n");
        directory.File("docs/travel.md", "# Travel\n\nTake the train for trips under four hours door to door.\n");
        var (ingestExit, ingestOutput) = await SlmRagProcess.RunAsync(["ingest", Path.Combine(directory.Path, "docs"), "-c", "hr", "--data-dir", data]);
        Assert.True(ingestExit == 0, ingestOutput);

        var (exit, output) = await SlmRagProcess.RunAsync(["ask", "How many days of paid annual leave do I get?", "-c", "hr", "--data-dir", data]);
        var (abstainExit, abstainOutput) = await SlmRagProcess.RunAsync(["ask", "Can I bring my dog?", "-c", "hr", "--data-dir", data]);
        var (missingExit, missingOutput) = await SlmRagProcess.RunAsync(["ask", "Anything?", "-c", "nope", "--data-dir", data]);

        Assert.True(exit == 0, output);
        Assert.Contains("27 days of paid annual leave per calendar year. [1]", output);
        Assert.Contains("[1] Annual leave", output);
        Assert.DoesNotContain("Annual leave — Annual leave", output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("quoted from the documents", output);
        Assert.True(abstainExit == 0, abstainOutput);
        Assert.Contains("do not answer this question; closest sources", abstainOutput);
        Assert.Equal(2, missingExit);
        Assert.Contains("nope", missingOutput);
    }

    [Fact]
    public async Task Keys_create_prints_the_key_once_and_an_entry_with_only_its_hash()
    {
        var (exit, output) = await SlmRagProcess.RunAsync(["keys", "create", "--name", "intranet", "--origin", "https://intranet.example"]);
        Assert.Equal(0, exit);
        var key = System.Text.RegularExpressions.Regex.Match(output, "slm_[A-Za-z0-9_-]{20,}").Value;
        Assert.Contains(SlmRag.Api.Security.ApiKeyHasher.Hash(key), output);
        Assert.Contains("\"Publishable\": true", output);
        Assert.Equal(1, output.Split(key).Length - 1);
        Assert.Contains("\n" + key + "\n", output.ReplaceLineEndings("\n"));
    }
}

using SlmRag.LlamaCpp.Training;
using SlmRag.Testing;

namespace SlmRag.LlamaCpp.Tests.Training;

/// <summary>The chat-format readers: router export, OpenAI fine-tuning lines, legacy pairs, and their errors.</summary>
public sealed class ChatExampleReaderTests
{
    [Fact]
    public void Reads_openai_lines_with_text_parts_weights_and_legacy_pairs()
    {
        using var directory = new TempDirectory();
        var path = directory.File("data.jsonl", string.Join('\n',
            """{"messages":[{"role":"developer","content":"be brief"},{"role":"user","content":[{"type":"text","text":"Sources: x\n\nQuestion: "},{"type":"text","text":"who approves?"}]},{"role":"assistant","content":"draft","weight":0},{"role":"user","content":"again"},{"role":"assistant","content":"the manager [1]"}]}""",
            "",
            """{"prompt":"hello","completion":"world"}"""));
        var examples = ChatExampleReader.Read(path);
        Assert.Equal([1, 3], examples.Select(e => e.Line));
        var first = examples[0];
        Assert.Equal("system", first.Messages[0].Role);
        Assert.False(first.Messages[2].Train);
        Assert.True(first.Messages[4].Train);
        Assert.Equal("the manager [1]", first.Answer);
        Assert.Equal(4, first.Prompt.Count);
        Assert.Equal("again", first.Question);
        Assert.Equal("world", examples[1].Answer);
    }

    [Theory]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"robot\",\"content\":\"a\"}]}", "role 'robot'")]
    [InlineData("{\"messages\":[{\"role\":\"assistant\",\"content\":\"a\"},{\"role\":\"user\",\"content\":\"q\"}]}", "must end with an assistant")]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\",\"weight\":0}]}", "no assistant message")]
    [InlineData("[1, 2]", "JSON object")]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"image_url\"}]}]}", "only text")]
    public void A_bad_line_names_its_file_and_line(string line, string reason)
    {
        using var directory = new TempDirectory();
        var path = directory.File("data.jsonl", "{\"prompt\":\"a\",\"completion\":\"b\"}\n" + line + "\n");
        var error = Assert.Throws<FineTuneDataException>(() => ChatExampleReader.Read(path));
        Assert.Equal(2, error.Line);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Split_keys_ignore_case_spacing_and_punctuation()
    {
        Assert.Equal(TrainingSplit.Key("How many  leave days?"), TrainingSplit.Key("how many leave days"));
        Assert.NotEqual(TrainingSplit.Key("How many leave days?"), TrainingSplit.Key("How many sick days?"));
    }
}

using SlmRag.Testing;
using SlmRag.Testing.Gguf;

namespace SlmRag.Cli.Tests.Commands;

/// <summary><c>slmrag model info|quantize</c> through the real executable, on a generated model.</summary>
public sealed class ModelCommandTests
{
    [Fact]
    public async Task Info_shows_architecture_parameters_context_and_template()
    {
        RepositoryPaths.RequireLlamaLibraries();
        using var directory = new TempDirectory();
        var model = TinyModels.WriteChatModel(directory.File("tiny.gguf"));
        var (exit, output) = await SlmRagProcess.RunAsync(["model", "info", model, "--metadata"]);
        Assert.Equal(0, exit);
        Assert.Contains("llama", output);
        Assert.Contains("1024", output);
        Assert.Contains("ChatMl", output);
        Assert.Contains("general.name", output);
    }

    [Fact]
    public async Task Quantize_to_q8_0_writes_a_smaller_model_that_loads()
    {
        RepositoryPaths.RequireLlamaLibraries();
        using var directory = new TempDirectory();
        var model = TinyModels.WriteChatModel(directory.File("tiny.gguf"), shape: new TinyModelShape(EmbeddingSize: 128, FeedForward: 256, Heads: 4, KvHeads: 4));
        var quantized = directory.File("tiny-q8.gguf");
        var (exit, output) = await SlmRagProcess.RunAsync(["model", "quantize", model, quantized, "--type", "Q8_0"]);
        Assert.Equal(0, exit);
        Assert.Contains("Wrote", output);
        Assert.True(new FileInfo(quantized).Length < new FileInfo(model).Length * 0.75);
        var (infoExit, info) = await SlmRagProcess.RunAsync(["model", "info", quantized]);
        Assert.Equal(0, infoExit);
        Assert.Contains("Q8_0", info);
    }

    [Fact]
    public async Task Quantize_to_q4_k_m_writes_a_model_that_loads_and_generates()
    {
        RepositoryPaths.RequireLlamaLibraries();
        using var directory = new TempDirectory();
        // K-quants work on rows of 256 values: the model is as wide as that.
        var model = TinyModels.WriteChatModel(directory.File("tiny.gguf"), shape: new TinyModelShape(EmbeddingSize: 256, FeedForward: 512, Heads: 4, KvHeads: 4));
        var quantized = directory.File("tiny-q4.gguf");
        var (exit, output) = await SlmRagProcess.RunAsync(["model", "quantize", model, quantized, "--type", "Q4_K_M"]);
        Assert.True(exit == 0, output);
        Assert.True(new FileInfo(quantized).Length < new FileInfo(model).Length * 0.5);
        using var loaded = SlmRag.LlamaCpp.Chat.LlamaChatClient.Load(new SlmRag.LlamaCpp.LlamaChatOptions { ModelPath = quantized, ContextSize = 128 });
        var response = await Microsoft.Extensions.AI.ChatClientExtensions.GetResponseAsync(loaded, "hello", new Microsoft.Extensions.AI.ChatOptions { MaxOutputTokens = 4 }, TestContext.Current.CancellationToken);
        Assert.True(response.Usage!.OutputTokenCount >= 1);
        Assert.Contains("Q4_K", ((SlmRag.LlamaCpp.LlamaModel)loaded.GetService(typeof(SlmRag.LlamaCpp.LlamaModel))!).Description);
    }

    [Fact]
    public async Task A_file_that_is_not_a_model_exits_2_with_a_message()
    {
        RepositoryPaths.RequireLlamaLibraries();
        using var directory = new TempDirectory();
        var path = directory.File("notes.gguf", "not a model");
        var (exit, output) = await SlmRagProcess.RunAsync(["model", "info", path]);
        Assert.Equal(2, exit);
        Assert.Contains("not a GGUF file", output);
    }
}

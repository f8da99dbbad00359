using SlmRag.Testing;

namespace SlmRag.LlamaCpp.Tests;

public sealed class LlamaModelTests(TinyModelFiles files) : IClassFixture<TinyModelFiles>
{
    [Fact]
    public void Loads_a_generated_model_and_reads_its_metadata()
    {
        RepositoryPaths.RequireLlamaLibraries();
        using var model = LlamaModel.Load(files.Chat);
        Assert.Equal("llama", model.Architecture);
        Assert.Equal(64, model.EmbeddingSize);
        Assert.Equal(2, model.LayerCount);
        Assert.Equal(1024, model.TrainedContextLength);
        Assert.Contains("<|im_start|>", model.ChatTemplate);
        Assert.Equal("slmrag-tiny-llama", model.Metadata["general.name"]);
        // token_embd + output (64 x vocab each) + 2 layers of attention, feed-forward and norms.
        var vocabulary = model.Tokenizer.VocabularySize;
        var perLayer = 64 * 64 * 2 + 64 * 32 * 2 + 64 * 128 * 3 + 64 * 2;
        Assert.Equal((ulong)(2 * 64 * vocabulary + 64 + 2 * perLayer), model.ParameterCount);
    }

    [Fact]
    public void A_missing_file_is_named_in_the_error()
    {
        RepositoryPaths.RequireLlamaLibraries();
        var error = Assert.Throws<LlamaException>(() => LlamaModel.Load(Path.Combine(files.Directory, "nope.gguf")));
        Assert.Contains("nope.gguf does not exist", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_gguf_is_refused_before_llama_cpp_sees_it()
    {
        RepositoryPaths.RequireLlamaLibraries();
        var path = Path.Combine(files.Directory, "text.gguf");
        File.WriteAllText(path, "this is not a model");
        var error = Assert.Throws<LlamaException>(() => LlamaModel.Load(path));
        Assert.Contains("not a GGUF file", error.Message);
    }

    [Fact]
    public void A_truncated_model_fails_with_llama_cpps_reason_and_the_process_survives()
    {
        RepositoryPaths.RequireLlamaLibraries();
        var path = Path.Combine(files.Directory, "truncated.gguf");
        var bytes = File.ReadAllBytes(files.Chat);
        File.WriteAllBytes(path, bytes[..(bytes.Length * 2 / 3)]);
        var error = Assert.Throws<LlamaException>(() => LlamaModel.Load(path));
        Assert.Contains("could not load the model", error.Message);
        Assert.DoesNotContain("no reason given", error.Message);
    }

    [Fact]
    public void A_corrupt_header_fails_cleanly()
    {
        RepositoryPaths.RequireLlamaLibraries();
        var path = Path.Combine(files.Directory, "corrupt.gguf");
        var bytes = File.ReadAllBytes(files.Chat);
        // Claim an absurd number of tensors and key-values right after the magic and version.
        BitConverter.TryWriteBytes(bytes.AsSpan(8), ulong.MaxValue / 2);
        BitConverter.TryWriteBytes(bytes.AsSpan(16), ulong.MaxValue / 2);
        File.WriteAllBytes(path, bytes);
        Assert.Throws<LlamaException>(() => LlamaModel.Load(path));
    }

    [Fact]
    public void Disposing_the_model_before_its_adapter_keeps_the_adapter_valid_until_it_is_disposed()
    {
        RepositoryPaths.RequireLlamaLibraries();
        var model = LlamaModel.Load(files.Chat);
        var adapter = model.LoadAdapter(files.Lora);
        model.Dispose();
        Assert.False(adapter.Handle.IsClosed);
        Assert.False(adapter.Handle.IsInvalid);
        adapter.Dispose();
        Assert.True(adapter.Handle.IsClosed);
    }

    [Fact]
    public void An_adapter_for_another_shape_is_refused()
    {
        RepositoryPaths.RequireLlamaLibraries();
        var path = SlmRag.Testing.Gguf.TinyModels.WriteLoraAdapter(Path.Combine(files.Directory, "wrong-lora.gguf"), new SlmRag.Testing.Gguf.TinyModelShape(EmbeddingSize: 32));
        using var model = LlamaModel.Load(files.Chat);
        var error = Assert.Throws<LlamaException>(() => model.LoadAdapter(path));
        Assert.Contains("could not load the LoRA adapter", error.Message);
    }

    [Fact]
    public async Task A_client_keeps_its_model_alive_when_the_owner_disposes_the_model_first()
    {
        RepositoryPaths.RequireLlamaLibraries();
        var model = LlamaModel.Load(files.Chat);
        var client = new SlmRag.LlamaCpp.Chat.LlamaChatClient(model, new LlamaChatOptions { ModelPath = files.Chat, ContextSize = 256 });
        model.Dispose();
        Assert.False(model.Handle.IsClosed);
        var response = await Microsoft.Extensions.AI.ChatClientExtensions.GetResponseAsync(client, "hello",
            new Microsoft.Extensions.AI.ChatOptions { MaxOutputTokens = 2 }, TestContext.Current.CancellationToken);
        Assert.True(response.Usage!.OutputTokenCount >= 1);
        client.Dispose();
        Assert.True(model.Handle.IsClosed);
    }

    [Fact]
    public void Missing_libraries_are_reported_with_the_fix()
    {
        var error = Assert.Throws<LlamaException>(() => LlamaRuntime.ResolveDirectory(files.Directory));
        Assert.Contains("lacks", error.Message);
        Assert.Contains("scripts/fetch-llama.sh", error.Message);
    }
}

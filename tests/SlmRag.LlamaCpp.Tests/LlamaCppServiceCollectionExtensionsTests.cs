using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SlmRag.Core.Chunking;
using SlmRag.LlamaCpp.Embeddings;
using SlmRag.Testing;

namespace SlmRag.LlamaCpp.Tests;

public sealed class LlamaCppServiceCollectionExtensionsTests(TinyModelFiles files) : IClassFixture<TinyModelFiles>
{
    [Fact]
    public async Task A_configured_model_becomes_the_chat_client_and_its_tokenizer_counts_tokens()
    {
        RepositoryPaths.RequireLlamaLibraries();
        using var host = Build(new() { ["LlamaCpp:Chat:ModelPath"] = files.Chat, ["LlamaCpp:Chat:ContextSize"] = "256", ["Embeddings:Provider"] = "LlamaCpp", ["LlamaCpp:Embeddings:ModelPath"] = files.BertCls });
        await host.StartAsync(TestContext.Current.CancellationToken);
        var chat = host.Services.GetRequiredService<IChatClient>();
        var counter = host.Services.GetRequiredService<ITokenCounter>();
        Assert.IsType<LlamaTokenizer>(counter);
        Assert.Equal("tiny-chat", chat.GetService<ChatClientMetadata>()!.DefaultModelId);
        var response = await chat.GetResponseAsync("hello", new ChatOptions { MaxOutputTokens = 3 }, TestContext.Current.CancellationToken);
        Assert.InRange(response.Usage!.OutputTokenCount!.Value, 1, 3);
        var embeddings = host.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        Assert.IsType<LlamaEmbeddingGenerator>(embeddings);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Start_up_fails_naming_the_configuration_path_of_a_missing_model()
    {
        using var host = Build(new() { ["LlamaCpp:Chat:ModelPath"] = "/nowhere/model.gguf", ["LlamaCpp:Chat:Threads"] = "0", ["LlamaCpp:Chat:ChatTemplate"] = "Jinja" });
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains(error.Failures, f => f.Contains("LlamaCpp:Chat:ModelPath", StringComparison.Ordinal) && f.Contains("does not exist", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("LlamaCpp:Chat:Threads", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("LlamaCpp:Chat:ChatTemplate", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_model_nothing_is_registered()
    {
        using var host = Build([]);
        Assert.Null(host.Services.GetService<IChatClient>());
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddLlamaCpp(builder.Configuration);
        return builder.Build();
    }
}

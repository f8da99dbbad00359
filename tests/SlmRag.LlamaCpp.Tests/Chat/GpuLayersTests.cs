using Microsoft.Extensions.AI;
using SlmRag.LlamaCpp.Chat;
using SlmRag.Testing;

namespace SlmRag.LlamaCpp.Tests.Chat;

/// <summary>GPU offload: runs only where the loaded llama.cpp libraries have a GPU backend and a device.</summary>
public sealed class GpuLayersTests(TinyModelFiles files) : IClassFixture<TinyModelFiles>
{
    [Fact]
    public async Task A_model_with_every_layer_on_the_gpu_answers_like_on_the_cpu()
    {
        LlamaRuntime.Initialize(RepositoryPaths.RequireLlamaLibraries());
        Assert.SkipWhen(LlamaRuntime.GpuDevices().Count == 0,
            "No GPU device: the loaded llama.cpp libraries are the CPU build (scripts/fetch-llama.sh fetches the CUDA/Vulkan build only where it finds a GPU).");
        var question = new[] { new ChatMessage(ChatRole.User, "How many leave days per year?") };
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 8 };
        using var cpu = LlamaChatClient.Load(new LlamaChatOptions { ModelPath = files.Chat, ContextSize = 256 });
        using var gpu = LlamaChatClient.Load(new LlamaChatOptions { ModelPath = files.Chat, ContextSize = 256, GpuLayers = -1 });
        Assert.Equal((await cpu.GetResponseAsync(question, options, TestContext.Current.CancellationToken)).Text,
            (await gpu.GetResponseAsync(question, options, TestContext.Current.CancellationToken)).Text);
    }
}

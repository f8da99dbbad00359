using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using SlmRag.Answers.Routing;
using SlmRag.Testing;

namespace SlmRag.SemanticKernel.Tests;

/// <summary>A real Kernel whose prompts the SlmRag router sends to a local or a frontier chat service (recording clients at the model seam: no model can answer here).</summary>
public sealed class RouterServiceSelectorTests
{
    private const string Routine = "What is the hotel limit in Amsterdam?";
    private const string Comparison = "Compare the hotel limit in Amsterdam with the annual leave days of full-time employees.";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The router with the repository's calibrated settings (appsettings.json, section Router).</summary>
    private static QuestionRouter Router(long dailyBudget = 0)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(RepositoryPaths.Root, "appsettings.json")).Build();
        var settings = configuration.GetSection(RouterOptions.SectionName).Get<RouterOptions>()!;
        settings.DailyTokenBudget = dailyBudget;
        var monitor = new StaticMonitor(settings);
        return new QuestionRouter(monitor, new FrontierBudget(monitor, TimeProvider.System));
    }

    private static (Kernel Kernel, List<string> Calls) KernelWith(QuestionRouter router, bool withFrontier = true)
    {
        var calls = new List<string>();
        var builder = Kernel.CreateBuilder();
        builder.Services.AddKeyedSingleton<IChatClient>(RouterServiceSelector.LocalServiceId, new Answering("local-slm", calls));
        if (withFrontier)
        {
            builder.Services.AddKeyedSingleton<IChatClient>(RouterServiceSelector.FrontierServiceId, new Answering("frontier-llm", calls));
        }

        builder.Services.AddSingleton<IAIServiceSelector>(sp => new RouterServiceSelector(router, new WordCounter(), 1800));
        builder.Services.AddSingleton<IChatClientSelector>(sp => (IChatClientSelector)sp.GetRequiredService<IAIServiceSelector>());
        return (builder.Build(), calls);
    }

    [Fact]
    public async Task A_routine_prompt_stays_local_and_a_comparison_goes_to_the_frontier_with_its_reason()
    {
        var (kernel, calls) = KernelWith(Router());
        var function = kernel.CreateFunctionFromPrompt("Answer: {{$question}}");
        var routine = new KernelArguments { ["question"] = Routine };
        var compared = new KernelArguments { ["question"] = Comparison };

        var local = await kernel.InvokeAsync(function, routine, Ct);
        var frontier = await kernel.InvokeAsync(function, compared, Ct);

        Assert.Equal(["local-slm", "frontier-llm"], calls);
        Assert.Equal("answer from local-slm", local.ToString());
        Assert.Equal("answer from frontier-llm", frontier.ToString());
        Assert.Equal(("routine", RouteTarget.Local), Reason(routine));
        Assert.Equal(("comparison", RouteTarget.Frontier), Reason(compared));
    }

    [Fact]
    public async Task Policies_keep_a_prompt_local_and_say_why()
    {
        var (noFrontier, calls) = KernelWith(Router(), withFrontier: false);
        var (kernel, _) = KernelWith(Router());
        var function = noFrontier.CreateFunctionFromPrompt("Answer: {{$question}}");
        var missing = new KernelArguments { ["question"] = Comparison };
        var localOnly = new KernelArguments { ["question"] = Comparison, [RouterServiceSelector.LocalOnlyArgument] = true };

        await noFrontier.InvokeAsync(function, missing, Ct);
        await kernel.InvokeAsync(function, localOnly, Ct);

        Assert.Equal(["local-slm"], calls);
        Assert.Equal(("no-frontier", RouteTarget.Local), Reason(missing));
        Assert.Equal(("local-only-collection", RouteTarget.Local), Reason(localOnly));
    }

    private static (string, RouteTarget) Reason(KernelArguments arguments) =>
        arguments[RouterServiceSelector.DecisionArgument] is RouteDecision d ? (d.Reason, d.Target) : ("none", RouteTarget.Local);

    private sealed class Answering(string name, List<string> calls) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            calls.Add(name);
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, $"answer from {name}")) { ModelId = name });
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("The tests invoke non-streaming.");

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("test", null, name) : null;

        public void Dispose()
        {
        }
    }

    private sealed class WordCounter : SlmRag.Core.Chunking.ITokenCounter
    {
        public string Name => "words";

        public int CountTokens(ReadOnlySpan<char> text) => text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    private sealed class StaticMonitor(RouterOptions value) : IOptionsMonitor<RouterOptions>
    {
        public RouterOptions CurrentValue => value;

        public RouterOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<RouterOptions, string?> listener) => null;
    }
}

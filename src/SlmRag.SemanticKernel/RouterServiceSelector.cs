using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using SlmRag.Answers.Routing;
using SlmRag.Core.Chunking;

namespace SlmRag.SemanticKernel;

/// <summary>
/// SlmRag's router as Semantic Kernel's service selector: a prompt function's arguments (the text it will send)
/// give the same route features SlmRag uses for a prompt without retrieval (length against the local window;
/// comparison, aggregation, multi-step form), and the same policies decide: no frontier registered, a local-only
/// call (argument <see cref="LocalOnlyArgument"/> = true), the caller's daily budget (<see cref="CallerArgument"/>).
/// It picks the service registered under <see cref="LocalServiceId"/> or <see cref="FrontierServiceId"/> (keyed
/// <see cref="IChatClient"/> or chat completion service) and writes the <see cref="RouteDecision"/> (with its reason)
/// into the arguments under <see cref="DecisionArgument"/>. Thread-safe.
/// </summary>
public sealed class RouterServiceSelector(QuestionRouter router, ITokenCounter counter, int localWindowTokens) : IAIServiceSelector, IChatClientSelector
{
    public const string LocalServiceId = "local";
    public const string FrontierServiceId = "frontier";
    public const string DecisionArgument = "slmrag_route";
    public const string LocalOnlyArgument = "slmrag_localOnly";
    public const string CallerArgument = "slmrag_caller";

    public bool TrySelectAIService<T>(Kernel kernel, KernelFunction function, KernelArguments arguments,
        [NotNullWhen(true)] out T? service, out PromptExecutionSettings? serviceSettings) where T : class, Microsoft.SemanticKernel.Services.IAIService =>
        TrySelect(kernel, arguments, out service, out serviceSettings);

    public bool TrySelectChatClient<T>(Kernel kernel, KernelFunction function, KernelArguments arguments,
        [NotNullWhen(true)] out T? service, out PromptExecutionSettings? serviceSettings) where T : class, IChatClient =>
        TrySelect(kernel, arguments, out service, out serviceSettings);

    /// <summary>The decision for a prompt's arguments, without choosing a service (what <see cref="DecisionArgument"/> will say).</summary>
    public RouteDecision Decide(KernelArguments arguments, bool frontierAvailable)
    {
        var text = string.Join("\n", arguments.Where(a => !a.Key.StartsWith("slmrag_", StringComparison.Ordinal)).Select(a => a.Value?.ToString()).Where(v => !string.IsNullOrEmpty(v)));
        var features = router.PromptFeatures([new ChatMessage(ChatRole.User, text)], counter, localWindowTokens);
        var localOnly = arguments.TryGetValue(LocalOnlyArgument, out var value) && value is true or "true";
        var caller = arguments.TryGetValue(CallerArgument, out var who) && who is string name ? name : "semantic-kernel";
        return router.Decide(features, frontierAvailable, localOnly, caller);
    }

    private bool TrySelect<T>(Kernel kernel, KernelArguments arguments, [NotNullWhen(true)] out T? service, out PromptExecutionSettings? serviceSettings) where T : class
    {
        var frontier = kernel.Services.GetKeyedService<T>(FrontierServiceId);
        var decision = Decide(arguments, frontier is not null);
        arguments[DecisionArgument] = decision;
        service = decision.Target == RouteTarget.Frontier ? frontier : kernel.Services.GetKeyedService<T>(LocalServiceId);
        serviceSettings = null;
        return service is not null;
    }
}

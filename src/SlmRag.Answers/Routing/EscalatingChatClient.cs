using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace SlmRag.Answers.Routing;

/// <summary>
/// Microsoft.Extensions.AI middleware over the local model that sends a request to the frontier model
/// when its options carry a frontier <see cref="RouteDecision"/> (key <see cref="DecisionKey"/>).
/// Updates are tagged with the model that produced them.
/// </summary>
public sealed class EscalatingChatClient(IChatClient? local, IChatClient frontier) : IChatClient
{
    public const string DecisionKey = "slmrag.route";

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var decision = options?.AdditionalProperties?.TryGetValue(DecisionKey, out var value) == true ? value as RouteDecision : null;
        var target = decision?.Target == RouteTarget.Frontier ? frontier
            : local ?? throw new InvalidOperationException("No local chat model is configured; local answers are extractive.");
        var name = target.GetService<ChatClientMetadata>()?.DefaultModelId;
        await foreach (var update in target.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            update.ModelId ??= name;
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType.IsInstanceOfType(this) && serviceKey is null ? this : local?.GetService(serviceType, serviceKey);

    public void Dispose()
    {
    }
}

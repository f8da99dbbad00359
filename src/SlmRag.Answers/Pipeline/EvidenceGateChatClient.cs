using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace SlmRag.Answers.Pipeline;

/// <summary>
/// Middleware in front of the local answerer: when a grounded question has no sources or too little evidence
/// (<see cref="AnswerOptions.MinEvidence"/>), it replies NOT_FOUND without calling the model. Prompts without an
/// <see cref="AnswerContext"/> pass through. Thread-safe.
/// </summary>
public sealed class EvidenceGateChatClient(IChatClient inner, AnswerOptions settings) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (AnswerContext.From(options) is { } context && (context.Sources.Count == 0 || context.Evidence < settings.MinEvidence))
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, GroundedPrompt.NotFound)
            {
                ModelId = InnerClient.GetService<ChatClientMetadata>()?.DefaultModelId,
                FinishReason = ChatFinishReason.Stop,
            };
            yield break;
        }

        await foreach (var update in InnerClient.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            yield return update;
        }
    }
}

using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace SlmRag.Answers.Pipeline;

/// <summary>
/// The local answerer of the embedded default (no language model) behind <see cref="IChatClient"/>: quotes the
/// best-matching sentences of the <see cref="AnswerContext"/>'s sources (see <see cref="ExtractiveAnswerer"/>) and
/// sets their exact citations on the context; replies NOT_FOUND when nothing matches. It answers grounded
/// questions only. Thread-safe; owns nothing.
/// </summary>
public sealed class ExtractiveChatClient(AnswerOptions settings) : IChatClient
{
    private static readonly ChatClientMetadata Metadata = new("slmrag-extractive", null, ExtractiveAnswerer.ModelName);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var context = AnswerContext.From(options)
            ?? throw new InvalidOperationException("The extractive answerer answers grounded questions only (no local chat model is configured: LlamaCpp:Chat:ModelPath).");
        var (answer, cited) = ExtractiveAnswerer.Answer(context.Request.Question, context.Query, context.Sources, settings, context.Semantic);
        if (answer.Length > 0)
        {
            context.Citations = cited;
        }

        await Task.CompletedTask.ConfigureAwait(false);
        yield return new ChatResponseUpdate(ChatRole.Assistant, answer.Length > 0 ? answer : GroundedPrompt.NotFound)
        {
            ModelId = ExtractiveAnswerer.ModelName,
            FinishReason = ChatFinishReason.Stop,
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? Metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }
}

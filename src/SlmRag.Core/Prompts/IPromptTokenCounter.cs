using Microsoft.Extensions.AI;

namespace SlmRag.Core.Prompts;

/// <summary>
/// A local model's view of a prompt: the window it reads and writes in, and how many tokens a conversation takes
/// once rendered with the model's own chat template and tokenizer (what <see cref="ContextWindow"/> must hold
/// besides the output). A chat client that can count exactly returns this from
/// <see cref="IChatClient.GetService(Type, object?)"/>. Thread-safe; owned by the chat client that returns it.
/// </summary>
public interface IPromptTokenCounter
{
    /// <summary>Tokens of prompt plus output one request can hold (the configured size, or the model's own when 0 was configured).</summary>
    int ContextWindow { get; }

    /// <summary>The prompt tokens of <paramref name="messages"/>, chat template and the generation prompt included.</summary>
    int CountPromptTokens(IEnumerable<ChatMessage> messages);
}

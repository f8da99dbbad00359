using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Polly;

namespace SlmRag.Frontier;

/// <summary>
/// Middleware for a remote chat model: retries transient failures with the shared resilience pipeline until the
/// first streamed update (a half-streamed answer cannot be taken back), and bounds the whole request by a
/// deadline. Thread-safe.
/// </summary>
public sealed class ResilientChatClient(IChatClient inner, ResiliencePipeline retry, TimeSpan deadline) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        var prompt = messages as IList<ChatMessage> ?? messages.ToList();
        var (stream, more) = await retry.ExecuteAsync(async token =>
        {
            var attempt = InnerClient.GetStreamingResponseAsync(prompt, options, token).GetAsyncEnumerator(token);
            try
            {
                return (attempt, await attempt.MoveNextAsync().ConfigureAwait(false));
            }
            catch
            {
                // Each failed attempt's stream is closed before the next one starts.
                await attempt.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }, timeout.Token).ConfigureAwait(false);

        await using (stream)
        {
            for (; more; more = await stream.MoveNextAsync().ConfigureAwait(false))
            {
                yield return stream.Current;
            }
        }
    }
}

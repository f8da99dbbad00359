using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;

namespace SlmRag.Answers.Pipeline;

/// <summary>
/// Middleware that checks a grounded answer as it streams: "[n]" markers stay when source n was given to the
/// model that answered, other markers are removed and counted, and a NOT_FOUND reply is recognised before any of
/// it is shown (the first characters are held back until they cannot be one). Results go on the
/// <see cref="AnswerContext"/>: abstention, removed markers and, unless the answerer set exact ones, citations.
/// Prompts without a context pass through. Thread-safe; each call has its own state.
/// </summary>
public sealed class CitationCheckingChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var context = AnswerContext.From(options);
        if (context is null)
        {
            await foreach (var update in InnerClient.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }

            yield break;
        }

        CitationMarkerFilter? filter = null;
        var opening = new StringBuilder();
        var shown = new StringBuilder();
        var decided = false;
        await foreach (var update in InnerClient.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            // Created at the first update: by then the router has chosen the sources (local or long-context).
            filter ??= new CitationMarkerFilter(context.Sources.Count);
            var delta = filter.Append(update.Text);
            if (!decided)
            {
                opening.Append(delta);
                var head = opening.ToString().TrimStart();
                if (head.Length < GroundedPrompt.NotFound.Length && GroundedPrompt.NotFound.StartsWith(head, StringComparison.Ordinal))
                {
                    yield return WithText(update, string.Empty);
                    continue;
                }

                decided = true;
                if (head.StartsWith(GroundedPrompt.NotFound, StringComparison.Ordinal))
                {
                    context.Abstained = true;
                    yield return WithText(update, string.Empty);
                    continue;
                }

                delta = opening.ToString();
            }

            if (context.Abstained)
            {
                // After NOT_FOUND nothing is shown, but usage and finish updates still pass.
                yield return WithText(update, string.Empty);
                continue;
            }

            shown.Append(delta);
            yield return WithText(update, delta);
        }

        var rest = context.Abstained || filter is null ? string.Empty : (decided ? string.Empty : opening.ToString()) + filter.Flush();
        if (rest.Length > 0 && !rest.TrimStart().StartsWith(GroundedPrompt.NotFound, StringComparison.Ordinal))
        {
            shown.Append(rest);
            yield return new ChatResponseUpdate(ChatRole.Assistant, rest);
        }

        var text = shown.ToString();
        context.RemovedMarkers = filter?.Removed ?? 0;
        context.Abstained |= text.Trim().Length == 0 || text.TrimStart().StartsWith(GroundedPrompt.NotFound, StringComparison.Ordinal);
        context.Citations ??= context.Sources.Where(s => filter?.Cited.Contains(s.Number) == true).Select(s => s.Cite()).ToList();
    }

    /// <summary>The update with its text replaced by the checked text; usage, ids and finish reason kept.</summary>
    private static ChatResponseUpdate WithText(ChatResponseUpdate update, string text)
    {
        var copy = update.Clone();
        copy.Contents = [.. update.Contents.Where(c => c is not TextContent)];
        if (text.Length > 0)
        {
            copy.Contents.Insert(0, new TextContent(text));
        }

        return copy;
    }
}

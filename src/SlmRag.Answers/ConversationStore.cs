using Microsoft.Extensions.Options;
using SlmRag.Core.Conversations;

namespace SlmRag.Answers;

/// <summary>
/// Recent turns per conversation id, kept in the store (<see cref="IConversationStore"/>): they survive a
/// restart, any replica sharing the store continues them, and they expire after
/// <see cref="AnswerOptions.ConversationMinutes"/> of silence. A conversation belongs to the caller that
/// started it. Thread-safe.
/// </summary>
public sealed class ConversationStore(IConversationStore store, IOptions<AnswerOptions> options, TimeProvider time)
{
    public async Task<IReadOnlyList<ConversationTurn>> HistoryAsync(string id, string owner, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var turns = await store.GetTurnsAsync(id, owner, Cutoff(), settings.ConversationTurns, cancellationToken).ConfigureAwait(false);
        return turns.Select(t => new ConversationTurn(t.Question, t.SearchQuery, t.Answer)).ToList();
    }

    /// <summary>Adds a turn; a conversation held by another caller is left alone (its id cannot be taken over).</summary>
    public async Task AddAsync(string id, string owner, ConversationTurn turn, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await store.AppendAsync(id, owner, new StoredTurn(turn.Question, turn.SearchQuery, turn.Answer, time.GetUtcNow()),
            settings.ConversationTurns, Cutoff(), cancellationToken).ConfigureAwait(false);
    }

    private DateTimeOffset Cutoff() => time.GetUtcNow().AddMinutes(-options.Value.ConversationMinutes);
}

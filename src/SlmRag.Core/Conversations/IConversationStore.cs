namespace SlmRag.Core.Conversations;

/// <summary>
/// Conversations kept in the store, so they survive a restart and any replica sharing the store can continue
/// one. A conversation belongs to the caller (API key) that started it: another caller neither reads nor
/// extends it. Implementations are thread-safe and safe across processes sharing the store.
/// </summary>
public interface IConversationStore
{
    /// <summary>The last <paramref name="maxTurns"/> turns, oldest first; empty when the conversation is unknown, belongs to another owner, or was last used before <paramref name="notBefore"/>.</summary>
    Task<IReadOnlyList<StoredTurn>> GetTurnsAsync(string conversationId, string owner, DateTimeOffset notBefore, int maxTurns, CancellationToken cancellationToken);

    /// <summary>Appends a turn, keeping the newest <paramref name="keep"/>; starts the conversation for <paramref name="owner"/> when it is new or expired. Returns false (and stores nothing) when another owner holds it.</summary>
    Task<bool> AppendAsync(string conversationId, string owner, StoredTurn turn, int keep, DateTimeOffset notBefore, CancellationToken cancellationToken);

    /// <summary>Deletes conversations last used before <paramref name="before"/>; returns how many.</summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset before, CancellationToken cancellationToken);
}

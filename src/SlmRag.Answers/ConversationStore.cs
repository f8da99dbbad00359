using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace SlmRag.Answers;

/// <summary>
/// Recent turns per conversation id, in memory, forgotten after <see cref="AnswerOptions.ConversationMinutes"/>
/// of silence. A conversation belongs to the caller that started it. Thread-safe.
/// </summary>
public sealed class ConversationStore(IOptions<AnswerOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Conversation> _conversations = new(StringComparer.Ordinal);

    public IReadOnlyList<ConversationTurn> History(string id, string owner)
    {
        Sweep();
        return _conversations.TryGetValue(id, out var conversation) && conversation.Owner == owner
            ? conversation.Snapshot()
            : [];
    }

    public void Add(string id, string owner, ConversationTurn turn)
    {
        var conversation = _conversations.GetOrAdd(id, _ => new Conversation(owner));
        if (conversation.Owner == owner)
        {
            conversation.Add(turn, options.Value.ConversationTurns, time.GetUtcNow());
        }
    }

    private void Sweep()
    {
        var cutoff = time.GetUtcNow().AddMinutes(-options.Value.ConversationMinutes);
        foreach (var (id, conversation) in _conversations)
        {
            if (conversation.LastUsed < cutoff)
            {
                _conversations.TryRemove(id, out _);
            }
        }
    }

    private sealed class Conversation(string owner)
    {
        private readonly List<ConversationTurn> _turns = [];

        public string Owner { get; } = owner;

        public DateTimeOffset LastUsed { get; private set; } = DateTimeOffset.MaxValue;

        public IReadOnlyList<ConversationTurn> Snapshot()
        {
            lock (_turns)
            {
                return [.. _turns];
            }
        }

        public void Add(ConversationTurn turn, int keep, DateTimeOffset now)
        {
            lock (_turns)
            {
                _turns.Add(turn);
                if (_turns.Count > keep)
                {
                    _turns.RemoveRange(0, _turns.Count - keep);
                }

                LastUsed = now;
            }
        }
    }
}

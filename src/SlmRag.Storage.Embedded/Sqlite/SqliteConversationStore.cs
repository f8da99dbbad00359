using Microsoft.Data.Sqlite;
using SlmRag.Core.Conversations;

namespace SlmRag.Storage.Embedded.Sqlite;

/// <summary>
/// Conversations in the data directory's SQLite file. Its tables are created on first use, outside the
/// versioned catalog schema: they hold short-lived state, and adding them must not force a re-ingestion.
/// Thread-safe; processes sharing the file share the conversations (WAL mode).
/// </summary>
internal sealed class SqliteConversationStore(SqliteDatabase database) : IConversationStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS conversations (
            id TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            last_used INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS conversation_turns (
            conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            question TEXT NOT NULL,
            search_query TEXT NOT NULL,
            answer TEXT NOT NULL,
            at INTEGER NOT NULL,
            PRIMARY KEY (conversation_id, seq)
        );
        CREATE INDEX IF NOT EXISTS conversations_last_used ON conversations(last_used);
        """;

    private readonly Lazy<Task> _schema = new(async () =>
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = Schema;
        await command.ExecuteNonQueryAsync();
    });

    public async Task<IReadOnlyList<StoredTurn>> GetTurnsAsync(string conversationId, string owner, DateTimeOffset notBefore, int maxTurns, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT t.question, t.search_query, t.answer, t.at FROM conversation_turns t
            JOIN conversations c ON c.id = t.conversation_id
            WHERE c.id = $id AND c.owner = $owner AND c.last_used >= $notBefore
            ORDER BY t.seq DESC LIMIT $max
            """;
        command.Parameters.AddWithValue("$id", conversationId);
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$notBefore", notBefore.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$max", maxTurns);
        var turns = new List<StoredTurn>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            turns.Add(new StoredTurn(reader.GetString(0), reader.GetString(1), reader.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
        }

        turns.Reverse();
        return turns;
    }

    public async Task<bool> AppendAsync(string conversationId, string owner, StoredTurn turn, int keep, DateTimeOffset notBefore, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        // Immediate: the owner check and the append are one step, even across processes.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$id", conversationId);
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$now", turn.At.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$notBefore", notBefore.ToUnixTimeMilliseconds());
        // An expired conversation starts over (for whoever asks now); a live one stays its owner's.
        command.CommandText = "DELETE FROM conversations WHERE id = $id AND last_used < $notBefore; SELECT owner FROM conversations WHERE id = $id;";
        var holder = (string?)await command.ExecuteScalarAsync(cancellationToken);
        if (holder is not null && holder != owner)
        {
            return false;
        }

        command.Parameters.AddWithValue("$question", turn.Question);
        command.Parameters.AddWithValue("$query", turn.SearchQuery);
        command.Parameters.AddWithValue("$answer", turn.Answer);
        command.Parameters.AddWithValue("$keep", keep);
        command.CommandText = """
            INSERT INTO conversations(id, owner, last_used) VALUES ($id, $owner, $now)
                ON CONFLICT(id) DO UPDATE SET last_used = excluded.last_used;
            INSERT INTO conversation_turns(conversation_id, seq, question, search_query, answer, at)
                VALUES ($id, COALESCE((SELECT MAX(seq) FROM conversation_turns WHERE conversation_id = $id), 0) + 1, $question, $query, $answer, $now);
            DELETE FROM conversation_turns WHERE conversation_id = $id
                AND seq <= (SELECT MAX(seq) FROM conversation_turns WHERE conversation_id = $id) - $keep;
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<int> DeleteExpiredAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM conversations WHERE last_used < $before";
        command.Parameters.AddWithValue("$before", before.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _schema.Value;
        return await database.OpenAsync(cancellationToken);
    }
}

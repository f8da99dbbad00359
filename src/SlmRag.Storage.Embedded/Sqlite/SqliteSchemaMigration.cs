using Microsoft.Data.Sqlite;
using SlmRag.Core.Documents;
using static SlmRag.Storage.Embedded.Sqlite.SqliteValues;

namespace SlmRag.Storage.Embedded.Sqlite;

/// <summary>
/// Brings a database of an older schema version to <see cref="SqliteSchema.Version"/> in one transaction; a process that
/// finds the work already done by another (API and worker start together) does nothing.
/// </summary>
internal static class SqliteSchemaMigration
{
    /// <summary>The oldest version this build migrates.</summary>
    public const int OldestMigratable = 2;

    /// <summary>
    /// Version 2 to 3: documents are identified by collection, key and access list, so several may share a key;
    /// a restricted document stored under its old key-only id gets its scoped id (its chunks follow; the search
    /// indexes see the old id removed and the new one written); job items record what their uploader could read.
    /// </summary>
    public static async Task MigrateAsync(SqliteConnection connection)
    {
        // Table rebuild: foreign keys off, or dropping the old table would cascade into the chunks. It cannot change inside a transaction.
        await ExecuteAsync(connection, null, "PRAGMA foreign_keys = OFF;");
        try
        {
            // Immediate: a second process starting now waits here, then finds the version already raised.
            await using var transaction = connection.BeginTransaction(deferred: false);
            if (await ScalarAsync(connection, transaction, "PRAGMA user_version;") != OldestMigratable)
            {
                return;
            }

            await ExecuteAsync(connection, transaction, $"""
                {SqliteSchema.DocumentsTable("documents_v3")}
                INSERT INTO documents_v3 SELECT * FROM documents;
                DROP TABLE documents;
                ALTER TABLE documents_v3 RENAME TO documents;
                CREATE INDEX IF NOT EXISTS ix_documents_key ON documents(collection, key);
                ALTER TABLE job_items ADD COLUMN reader_groups TEXT;
                ALTER TABLE job_items ADD COLUMN reader_everything INTEGER NOT NULL DEFAULT 0;
                """);
            await ScopeRestrictedIdsAsync(connection, transaction);
            if (await ScalarAsync(connection, transaction, "SELECT COUNT(*) FROM pragma_foreign_key_check;") != 0)
            {
                throw new InvalidOperationException("The schema migration to version 3 left rows without their parent; the database was not changed.");
            }

            await ExecuteAsync(connection, transaction, $"PRAGMA user_version = {SqliteSchema.Version};");
            await transaction.CommitAsync();
        }
        finally
        {
            await ExecuteAsync(connection, null, "PRAGMA foreign_keys = ON;");
        }
    }

    private static async Task ScopeRestrictedIdsAsync(SqliteConnection connection, SqliteTransaction transaction)
    {
        var moves = new List<(string Collection, string From, string To)>();
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT id, collection, key, access_groups FROM documents WHERE access_groups <> '[]'";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var to = DocumentIds.ForScope(reader.GetString(1), reader.GetString(2), ReadJson<string[]>(reader, "access_groups"));
                if (to != reader.GetString(0))
                {
                    moves.Add((reader.GetString(1), reader.GetString(0), to));
                }
            }
        }

        foreach (var (collection, from, to) in moves)
        {
            await using var move = connection.CreateCommand();
            move.Transaction = transaction;
            move.CommandText = """
                UPDATE documents SET id = $to WHERE id = $from;
                UPDATE chunks SET document_id = $to WHERE document_id = $from;
                UPDATE job_items SET document_id = $to WHERE document_id = $from;
                INSERT INTO index_log (collection, document_id) VALUES ($collection, $from), ($collection, $to);
                """;
            move.With("$from", from).With("$to", to).With("$collection", collection);
            await move.ExecuteNonQueryAsync();
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

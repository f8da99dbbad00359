using Microsoft.Data.Sqlite;
using SlmRag.Core.Chunking;
using SlmRag.Core.Collections;
using SlmRag.Storage.Embedded.Search;
using static SlmRag.Storage.Embedded.Sqlite.SqliteValues;

namespace SlmRag.Storage.Embedded.Sqlite;

/// <summary>The catalog's vectors, embedding model and search-index change log.</summary>
internal sealed partial class SqliteCatalogStore
{
    /// <summary>Fixes the collection's model on its first vectors; refuses vectors of any other model.</summary>
    private static async Task ClaimEmbeddingModelAsync(SqliteConnection connection, SqliteTransaction transaction, string collection, EmbeddingModelFingerprint model, CancellationToken cancellationToken)
    {
        await using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT embedding_model FROM collections WHERE name = $name";
        read.With("$name", collection);
        var stored = await read.ExecuteScalarAsync(cancellationToken) as string;
        if (stored is null)
        {
            await SetEmbeddingModelAsync(connection, transaction, collection, model, cancellationToken);
        }
        else if (ParseModel(stored) is var existing && existing != model)
        {
            throw new EmbeddingModelMismatchException(collection, existing, model);
        }
    }

    /// <summary>
    /// Appends a change for the search indexes. An index reloads a changed document's current state, so
    /// only the newest entry per document matters, and a whole-collection entry supersedes all before it:
    /// older entries are dropped, which keeps the log at one row per document.
    /// </summary>
    private static async Task LogIndexChangeAsync(SqliteConnection connection, SqliteTransaction? transaction, string collection, string? documentId, CancellationToken cancellationToken)
    {
        await using var log = connection.CreateCommand();
        log.Transaction = transaction;
        log.CommandText = """
            DELETE FROM index_log WHERE collection = $collection AND ($document IS NULL OR document_id = $document);
            INSERT INTO index_log (collection, document_id) VALUES ($collection, $document);
            """;
        log.With("$collection", collection).With("$document", documentId);
        await log.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> ReembedCollectionAsync(string collection, EmbeddingModelFingerprint model, Func<IReadOnlyList<Chunk>, CancellationToken, Task<IReadOnlyList<ReadOnlyMemory<float>>>> embed, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        if (!await SetEmbeddingModelAsync(connection, transaction, collection, model, cancellationToken))
        {
            throw new CollectionNotFoundException(collection);
        }

        var done = 0;
        string after = string.Empty;
        while (true)
        {
            await using var page = connection.CreateCommand();
            page.Transaction = transaction;
            page.CommandText = "SELECT * FROM chunks WHERE collection = $c AND id > $after ORDER BY id LIMIT 256";
            page.With("$c", collection).With("$after", after);
            var chunks = await ReadChunksAsync(page, cancellationToken);
            if (chunks.Count == 0)
            {
                break;
            }

            await WriteVectorsAsync(connection, transaction, chunks, await embed(chunks, cancellationToken), cancellationToken);

            done += chunks.Count;
            after = chunks[^1].Id;
            progress?.Report(done);
        }

        await LogIndexChangeAsync(connection, transaction, collection, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return done;
    }

    /// <summary>Stores one vector per chunk, replacing any vector the chunk had.</summary>
    private static async Task WriteVectorsAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<Chunk> chunks, IReadOnlyList<ReadOnlyMemory<float>> vectors, CancellationToken cancellationToken)
    {
        if (vectors.Count != chunks.Count)
        {
            throw new ArgumentException($"{vectors.Count} vectors for {chunks.Count} chunks.", nameof(vectors));
        }

        await using var write = connection.CreateCommand();
        write.Transaction = transaction;
        write.CommandText = "INSERT OR REPLACE INTO chunk_vectors (chunk_id, vector) VALUES ($id, $vector)";
        var id = write.Parameters.Add(new SqliteParameter { ParameterName = "$id" });
        var vector = write.Parameters.Add(new SqliteParameter { ParameterName = "$vector" });
        for (var i = 0; i < chunks.Count; i++)
        {
            id.Value = chunks[i].Id;
            vector.Value = VectorBlobs.ToBytes(vectors[i].Span);
            await write.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<bool> SetEmbeddingModelAsync(SqliteConnection connection, SqliteTransaction transaction, string collection, EmbeddingModelFingerprint model, CancellationToken cancellationToken)
    {
        await using var write = connection.CreateCommand();
        write.Transaction = transaction;
        write.CommandText = "UPDATE collections SET embedding_model = $model WHERE name = $name";
        write.With("$model", Json(model)).With("$name", collection);
        return await write.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static EmbeddingModelFingerprint ParseModel(string json) =>
        System.Text.Json.JsonSerializer.Deserialize<EmbeddingModelFingerprint>(json, System.Text.Json.JsonSerializerOptions.Web)
        ?? throw new InvalidDataException("A collection's embedding model is stored as null JSON.");
}

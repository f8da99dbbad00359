using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SlmRag.Core.Chunking;
using SlmRag.Core.Retrieval;
using SlmRag.Core.Storage;
using SlmRag.Storage.Embedded.Search;
using static SlmRag.Storage.Embedded.Sqlite.SqliteValues;

namespace SlmRag.Storage.Embedded.Sqlite;

/// <summary>index_log as a change feed, and documents' current chunks with their vectors and access data.</summary>
internal sealed class SqliteIndexChangeFeed(SqliteDatabase database) : IIndexChangeFeed
{
    private const string ChunkQuery = """
        SELECT c.id, c.document_id, c.collection, c.ordinal, c.title, c.section_path, c.page_start, c.page_end, c.char_start, c.char_end,
               c.token_count, c.content_hash, c.text, d.title AS document_title, d.source_url, d.tags, d.access_groups, v.vector
        FROM chunks c
        JOIN documents d ON d.id = c.document_id
        LEFT JOIN chunk_vectors v ON v.chunk_id = c.id
        WHERE c.collection = $c AND ($d IS NULL OR c.document_id = $d)
        ORDER BY c.document_id, c.ordinal
        """;

    public async Task<IReadOnlyList<IndexChange>> ReadChangesAsync(long after, int max, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, collection, document_id FROM index_log WHERE seq > $after ORDER BY seq LIMIT $max";
        command.With("$after", after).With("$max", max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var changes = new List<IndexChange>();
        while (await reader.ReadAsync(cancellationToken))
        {
            changes.Add(new IndexChange(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return changes;
    }

    public async Task<IReadOnlyList<IndexableChunk>> ReadDocumentAsync(string collection, string documentId, CancellationToken cancellationToken)
    {
        var chunks = new List<IndexableChunk>();
        await foreach (var chunk in ReadAsync(collection, documentId, cancellationToken))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    public IAsyncEnumerable<IndexableChunk> ReadCollectionAsync(string collection, CancellationToken cancellationToken) => ReadAsync(collection, null, cancellationToken);

    private async IAsyncEnumerable<IndexableChunk> ReadAsync(string collection, string? documentId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = ChunkQuery;
        command.With("$c", collection).With("$d", documentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Read(reader);
        }
    }

    private static IndexableChunk Read(SqliteDataReader reader)
    {
        float[]? vector = null;
        if (!reader.IsDBNull(17))
        {
            var blob = (byte[])reader.GetValue(17);
            vector = new float[blob.Length / sizeof(float)];
            VectorBlobs.Read(blob, vector);
        }

        var chunk = new Chunk(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4),
            ReadJson<string[]>(reader, "section_path"), reader.IsDBNull(6) ? null : reader.GetInt32(6), reader.IsDBNull(7) ? null : reader.GetInt32(7),
            reader.GetInt32(8), reader.GetInt32(9), reader.GetInt32(10), reader.GetString(11), reader.GetString(12));
        return new IndexableChunk(chunk, reader.GetString(13), reader.IsDBNull(14) ? null : reader.GetString(14),
            ReadJson<string[]>(reader, "tags"), ReadJson<string[]>(reader, "access_groups"), vector);
    }
}

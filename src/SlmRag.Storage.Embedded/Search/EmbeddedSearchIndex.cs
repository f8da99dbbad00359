using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SlmRag.Core.Retrieval;
using SlmRag.Core.Text;
using SlmRag.Storage.Embedded.Sqlite;
using static SlmRag.Storage.Embedded.Sqlite.SqliteValues;

namespace SlmRag.Storage.Embedded.Search;

/// <summary>
/// In-memory BM25 and exact vector indexes per collection, built from the catalog on first use and
/// kept current by replaying index_log before each search, so a worker in another process is
/// seen by the next query. Thread-safe.
/// </summary>
internal sealed class EmbeddedSearchIndex(SqliteDatabase database, IOptions<Bm25Options> bm25) : ISearchIndex, IDisposable
{
    private readonly ConcurrentDictionary<string, CollectionIndex> _collections = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<ScoredChunk>> SearchLexicalAsync(string collection, string query, SearchFilter filter, int limit, CancellationToken cancellationToken)
    {
        var index = await CurrentAsync(collection, cancellationToken);
        return index.SearchLexical(EnglishAnalyzer.Terms(query), filter, limit, bm25.Value);
    }

    public async Task<IReadOnlyList<ScoredChunk>> SearchVectorAsync(string collection, ReadOnlyMemory<float> vector, SearchFilter filter, int limit, CancellationToken cancellationToken)
    {
        var index = await CurrentAsync(collection, cancellationToken);
        return index.SearchVector(vector.Span, filter, limit);
    }

    public void Dispose()
    {
        foreach (var index in _collections.Values)
        {
            index.Dispose();
        }
    }

    private async Task<CollectionIndex> CurrentAsync(string collection, CancellationToken cancellationToken)
    {
        var index = _collections.GetOrAdd(collection, _ => new CollectionIndex());
        await index.RefreshLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            // One read transaction: the log position and the rows read belong to the same snapshot.
            await using var transaction = connection.BeginTransaction(deferred: true);
            var latest = await ScalarLongAsync(connection, transaction, "SELECT COALESCE(MAX(seq), 0) FROM index_log WHERE collection = $c", collection, cancellationToken);
            if (latest == index.AppliedSeq)
            {
                return index;
            }

            var changed = await ChangedDocumentsAsync(connection, transaction, collection, index.AppliedSeq, latest, cancellationToken);
            if (index.AppliedSeq == 0 || changed is null)
            {
                // First use, or the whole collection was deleted or replaced: start from the catalog.
                index.Clear();
                await LoadAsync(connection, transaction, collection, null, index, cancellationToken);
            }
            else
            {
                foreach (var documentId in changed)
                {
                    index.RemoveDocument(documentId);
                    await LoadAsync(connection, transaction, collection, documentId, index, cancellationToken);
                }
            }

            index.AppliedSeq = latest;
            return index;
        }
        finally
        {
            index.RefreshLock.Release();
        }
    }

    /// <returns>The documents changed since <paramref name="after"/>, or null when the whole collection changed.</returns>
    private static async Task<List<string>?> ChangedDocumentsAsync(SqliteConnection connection, SqliteTransaction transaction, string collection, long after, long upTo, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT DISTINCT document_id FROM index_log WHERE collection = $c AND seq > $after AND seq <= $upTo";
        command.With("$c", collection).With("$after", after).With("$upTo", upTo);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var documents = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.IsDBNull(0))
            {
                return null;
            }

            documents.Add(reader.GetString(0));
        }

        return documents;
    }

    private static async Task LoadAsync(SqliteConnection connection, SqliteTransaction transaction, string collection, string? documentId, CollectionIndex index, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT c.id, c.document_id, c.title, c.section_path, c.text, d.tags, d.access_groups, v.vector
            FROM chunks c
            JOIN documents d ON d.id = c.document_id
            LEFT JOIN chunk_vectors v ON v.chunk_id = c.id
            WHERE c.collection = $c AND ($d IS NULL OR c.document_id = $d)
            ORDER BY c.document_id, c.ordinal
            """;
        command.With("$c", collection).With("$d", documentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        string? current = null;
        var chunks = new List<IndexedChunk>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var document = reader.GetString(1);
            if (current is not null && document != current)
            {
                index.ReplaceDocument(current, chunks);
                chunks = [];
            }

            current = document;
            var sectionPath = ReadJson<string[]>(reader, "section_path");
            float[]? vector = null;
            if (!reader.IsDBNull(7))
            {
                var blob = (byte[])reader.GetValue(7);
                vector = new float[blob.Length / sizeof(float)];
                VectorBlobs.Read(blob, vector);
            }

            chunks.Add(new IndexedChunk(
                reader.GetString(0), document,
                EnglishAnalyzer.Terms(reader.GetString(4)),
                EnglishAnalyzer.Terms(string.Join(' ', sectionPath.Prepend(reader.GetString(2)))),
                vector, ReadJson<string[]>(reader, "tags"), ReadJson<string[]>(reader, "access_groups")));
        }

        if (current is not null)
        {
            index.ReplaceDocument(current, chunks);
        }
    }

    private static async Task<long> ScalarLongAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, string collection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.With("$c", collection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}

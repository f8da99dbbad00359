using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SlmRag.Core.Retrieval;
using SlmRag.Core.Text;
using SlmRag.Storage.Embedded.Search.Approximate;
using SlmRag.Storage.Embedded.Sqlite;
using static SlmRag.Storage.Embedded.Sqlite.SqliteValues;

namespace SlmRag.Storage.Embedded.Search;

/// <summary>
/// In-memory BM25 and vector indexes per collection, built from the catalog on first use and kept current
/// by replaying index_log before each search, so a worker in another process is seen by the next query.
/// Searches run concurrently on an immutable <see cref="IndexSnapshot"/>; a search that finds the log ahead
/// of the snapshot waits for the one refresh that publishes the next version. Large collections keep an HNSW
/// graph, saved under the data directory and adopted at the next start when it still fits. Thread-safe.
/// </summary>
internal sealed partial class EmbeddedSearchIndex(SqliteDatabase database, IOptions<Bm25Options> bm25, IOptions<EmbeddedStorageOptions> storage,
    ILogger<EmbeddedSearchIndex>? logger = null) : ISearchIndex, IDisposable
{
    private readonly ConcurrentDictionary<string, CollectionEntry> _collections = new(StringComparer.Ordinal);
    private readonly ILogger _logger = logger ?? NullLogger<EmbeddedSearchIndex>.Instance;
    private readonly VectorSearchSettings _settings = new(storage.Value.ApproximateSearchAbove, storage.Value.ApproximateSearchEf, EfScaleAbove: storage.Value.ApproximateSearchEfScaleAbove);

    public async Task<IReadOnlyList<ScoredChunk>> SearchLexicalAsync(string collection, string query, SearchFilter filter, int limit, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(collection, cancellationToken);
        return snapshot.SearchLexical(EnglishAnalyzer.Terms(query), filter, limit, bm25.Value);
    }

    public async Task<IReadOnlyList<ScoredChunk>> SearchVectorAsync(string collection, ReadOnlyMemory<float> vector, SearchFilter filter, int limit, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(collection, cancellationToken);
        return snapshot.SearchVector(vector.Span, filter, limit);
    }

    /// <summary>The collection's current snapshot, refreshed from the catalog first when the change log is ahead of it.</summary>
    internal async Task<IndexSnapshot> CurrentAsync(string collection, CancellationToken cancellationToken)
    {
        var entry = Entry(collection);
        var latest = await LatestSeqAsync(collection, cancellationToken);
        if (entry.Current is { } current && current.AppliedSeq >= latest)
        {
            return current;
        }

        await entry.WriteLock.WaitAsync(cancellationToken);
        try
        {
            return await RefreshAsync(collection, entry, cancellationToken);
        }
        finally
        {
            entry.WriteLock.Release();
        }
    }

    /// <summary>The collection's entry (tests hold its write lock to show searches do not wait for it).</summary>
    internal CollectionEntry Entry(string collection) => _collections.GetOrAdd(collection, _ => new CollectionEntry());

    /// <summary>Whether the collection's graph was taken over from disk at load, rather than built.</summary>
    internal bool GraphAdopted(string collection) => _collections.TryGetValue(collection, out var entry) && entry.Writer?.GraphLoadedFromFile == true;

    public void Dispose()
    {
        foreach (var (collection, entry) in _collections)
        {
            entry.WriteLock.Wait();
            try
            {
                if (entry.Writer is { GraphDirty: true } writer)
                {
                    SaveGraph(collection, writer);
                }
            }
            finally
            {
                entry.WriteLock.Release();
            }

            entry.Dispose();
        }
    }

    /// <summary>Where the collection's graph is saved: a hash of its name, since names need not be valid file names.</summary>
    internal string GraphPath(string collection) =>
        Path.Combine(storage.Value.IndexDirectory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(collection)))[..32] + ".hnsw");

    private async Task<IndexSnapshot> RefreshAsync(string collection, CollectionEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // One read transaction: the log position and the rows read belong to the same snapshot.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var latest = await ScalarLongAsync(connection, transaction, "SELECT COALESCE(MAX(seq), 0) FROM index_log WHERE collection = $c", collection, cancellationToken);
        var published = entry.Current;
        if (published is not null && published.AppliedSeq == latest)
        {
            return published; // another search refreshed it while this one waited
        }

        var writer = entry.Writer;
        // Until this refresh publishes, the writer holds a half-applied version: if it fails, start over next time.
        entry.Writer = null;
        var changed = writer is null || published is null ? null : await ChangedDocumentsAsync(connection, transaction, collection, published.AppliedSeq, latest, cancellationToken);
        if (writer is null || changed is null || writer.NeedsCompaction)
        {
            // First use, the whole collection deleted or replaced, or mostly removed slots: start from the catalog.
            var fresh = new CollectionIndex(_settings);
            if (published is null)
            {
                TryAdoptGraph(collection, fresh);
            }

            await LoadAsync(connection, transaction, collection, null, fresh, cancellationToken);
            writer = fresh;
        }
        else
        {
            foreach (var documentId in changed)
            {
                writer.RemoveDocument(documentId);
                await LoadAsync(connection, transaction, collection, documentId, writer, cancellationToken);
            }
        }

        var snapshot = writer.Publish(latest);
        entry.Current = snapshot;
        entry.Writer = writer;
        if (writer.GraphWorthSaving)
        {
            SaveGraph(collection, writer);
        }

        return snapshot;
    }

    private void TryAdoptGraph(string collection, CollectionIndex index)
    {
        var path = GraphPath(collection);
        if (!File.Exists(path))
        {
            return;
        }

        try
        {
            var graph = HnswFile.Load(path);
            if (graph.M != _settings.M)
            {
                throw new InvalidDataException($"'{path}' was built with M={graph.M}, this version uses {_settings.M}.");
            }

            index.Adopt(graph);
            GraphLoaded(_logger, collection, graph.ChunkIds.Length);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            // A lost or damaged graph is rebuilt from the catalog's vectors; the file is replaced at the next save.
            GraphUnreadable(_logger, ex, collection, path);
            File.Delete(path);
        }
    }

    private void SaveGraph(string collection, CollectionIndex writer)
    {
        try
        {
            writer.SaveGraph(GraphPath(collection));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The graph on disk is only a start-up shortcut: without it the next start rebuilds, so searches go on.
            GraphNotSaved(_logger, ex, collection);
        }
    }

    private async Task<long> LatestSeqAsync(string collection, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM index_log WHERE collection = $c";
        command.With("$c", collection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
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

    [LoggerMessage(30, LogLevel.Information, "Vector graph of '{Collection}' adopted from disk: {Slots} slots")]
    private static partial void GraphLoaded(ILogger logger, string collection, int slots);

    [LoggerMessage(31, LogLevel.Warning, "Vector graph of '{Collection}' at {Path} is unreadable; rebuilding it from the catalog")]
    private static partial void GraphUnreadable(ILogger logger, Exception exception, string collection, string path);

    [LoggerMessage(32, LogLevel.Warning, "Vector graph of '{Collection}' could not be saved; the next start rebuilds it")]
    private static partial void GraphNotSaved(ILogger logger, Exception exception, string collection);
}

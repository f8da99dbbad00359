using Microsoft.Data.Sqlite;
using SlmRag.Core.Chunking;
using SlmRag.Core.Collections;
using SlmRag.Core.Documents;
using SlmRag.Core.Extraction;
using SlmRag.Core.Storage;
using static SlmRag.Storage.Embedded.Sqlite.SqliteValues;

namespace SlmRag.Storage.Embedded.Sqlite;

/// <summary>The catalog in the data directory's SQLite file.</summary>
internal sealed partial class SqliteCatalogStore(SqliteDatabase database) : ICatalogStore
{
    private const string DocumentColumns =
        "id, collection, key, version, content_hash, pipeline_fingerprint, title, format, file_name, size_bytes, " +
        "page_count, char_count, chunk_count, tags, source_url, access_groups, title_override, ingested_by, created_at, updated_at";

    public async Task<bool> CreateCollectionAsync(Collection collection, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO collections (name, description, local_only, embedding_model, created_at)
            VALUES ($name, $description, $localOnly, $model, $createdAt) ON CONFLICT (name) DO NOTHING
            """;
        command.With("$name", collection.Name).With("$description", collection.Description)
            .With("$localOnly", collection.LocalOnly ? 1 : 0)
            .With("$model", collection.EmbeddingModel is null ? null : Json(collection.EmbeddingModel))
            .With("$createdAt", Time(collection.CreatedAt));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<Collection?> GetCollectionAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM collections WHERE name = $name";
        command.With("$name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadCollection(reader) : null;
    }

    public async Task<IReadOnlyList<CollectionSummary>> ListCollectionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.*,
                   (SELECT COUNT(*) FROM documents d WHERE d.collection = c.name) AS documents,
                   (SELECT COUNT(*) FROM chunks k WHERE k.collection = c.name) AS chunk_total
            FROM collections c ORDER BY c.name
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<CollectionSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new CollectionSummary(ReadCollection(reader), reader.GetInt32(reader.GetOrdinal("documents")), reader.GetInt32(reader.GetOrdinal("chunk_total"))));
        }

        return result;
    }

    public async Task<bool> DeleteCollectionAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM collections WHERE name = $name";
        command.With("$name", name);
        return await ExecuteAndLogAsync(connection, command, name, null, cancellationToken);
    }

    public async Task<DocumentRecord?> GetDocumentAsync(string collection, string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {DocumentColumns} FROM documents WHERE collection = $collection AND id = $id";
        command.With("$collection", collection).With("$id", documentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadDocument(reader) : null;
    }

    public async Task<IReadOnlyList<DocumentRecord>> GetDocumentsAsync(string collection, IReadOnlyList<string> documentIds, CancellationToken cancellationToken)
    {
        if (documentIds.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // "+collection" keeps SQLite on the primary key: the (collection, key) index would scan the whole collection.
        command.CommandText = $"SELECT {DocumentColumns} FROM documents WHERE id IN (SELECT value FROM json_each($ids)) AND +collection = $collection";
        command.With("$collection", collection).With("$ids", Json(documentIds));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var documents = new List<DocumentRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(ReadDocument(reader));
        }

        return documents;
    }

    public async Task<DocumentPage> ListDocumentsAsync(string collection, DocumentQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // The access test is the search's (SearchFilter.Allows): no access list, or one sharing a group with the caller.
        const string filter = """
            collection = $collection AND ($tag IS NULL OR EXISTS (SELECT 1 FROM json_each(tags) WHERE value = $tag))
            AND ($everyone = 1 OR access_groups = '[]'
                 OR EXISTS (SELECT 1 FROM json_each(access_groups) a WHERE a.value IN (SELECT value FROM json_each($groups))))
            """;
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {DocumentColumns} FROM documents WHERE {filter} ORDER BY key LIMIT $take OFFSET $skip;
            SELECT COUNT(*), COALESCE(SUM(chunk_count), 0) FROM documents WHERE {filter};
            """;
        var access = query.Access;
        command.With("$collection", collection).With("$tag", query.Tag).With("$take", query.Take).With("$skip", query.Skip)
            .With("$everyone", access is null || access.SeesEverything ? 1 : 0).With("$groups", Json(access?.CallerGroups ?? []));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var documents = new List<DocumentRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(ReadDocument(reader));
        }

        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new DocumentPage(documents, reader.GetInt32(0), reader.GetInt32(1));
    }

    public async Task<bool> UpdateMetadataAsync(string collection, string documentId, DocumentMetadata metadata, string ingestedBy, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE documents SET tags = $tags, source_url = $sourceUrl, access_groups = $groups, title_override = $titleOverride,
                                 title = COALESCE($titleOverride, title), ingested_by = $ingestedBy
            WHERE collection = $collection AND id = $id
            """;
        command.With("$tags", Json(metadata.Tags)).With("$sourceUrl", metadata.SourceUrl).With("$groups", Json(metadata.AccessGroups))
            .With("$titleOverride", metadata.Title).With("$ingestedBy", ingestedBy).With("$collection", collection).With("$id", documentId);
        return await ExecuteAndLogAsync(connection, command, collection, documentId, cancellationToken);
    }

    public async Task<bool> DeleteDocumentAsync(string collection, string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM documents WHERE collection = $collection AND id = $id";
        command.With("$collection", collection).With("$id", documentId);
        return await ExecuteAndLogAsync(connection, command, collection, documentId, cancellationToken);
    }

    public async Task<IReadOnlyList<Chunk>> GetChunksAsync(string collection, string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM chunks WHERE collection = $collection AND document_id = $id ORDER BY ordinal";
        command.With("$collection", collection).With("$id", documentId);
        return await ReadChunksAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<Chunk>> GetChunksByIdAsync(string collection, IReadOnlyList<string> chunkIds, CancellationToken cancellationToken)
    {
        if (chunkIds.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM chunks WHERE collection = $collection AND id IN (SELECT value FROM json_each($ids))";
        command.With("$collection", collection).With("$ids", Json(chunkIds));
        var byId = (await ReadChunksAsync(command, cancellationToken)).ToDictionary(c => c.Id, StringComparer.Ordinal);
        return chunkIds.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
    }

    private static async Task<List<Chunk>> ReadChunksAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var chunks = new List<Chunk>();
        while (await reader.ReadAsync(cancellationToken))
        {
            chunks.Add(new Chunk(
                reader.GetString(reader.GetOrdinal("id")), reader.GetString(reader.GetOrdinal("document_id")), reader.GetString(reader.GetOrdinal("collection")),
                reader.GetInt32(reader.GetOrdinal("ordinal")), reader.GetString(reader.GetOrdinal("title")), ReadJson<string[]>(reader, "section_path"),
                ReadIntOrNull(reader, "page_start"), ReadIntOrNull(reader, "page_end"),
                reader.GetInt32(reader.GetOrdinal("char_start")), reader.GetInt32(reader.GetOrdinal("char_end")),
                reader.GetInt32(reader.GetOrdinal("token_count")), reader.GetString(reader.GetOrdinal("content_hash")),
                reader.GetString(reader.GetOrdinal("text"))));
        }

        return chunks;
    }

    public async Task<DocumentContent?> GetContentAsync(string collection, string documentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT extracted_text, pages FROM documents WHERE collection = $collection AND id = $id";
        command.With("$collection", collection).With("$id", documentId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new DocumentContent(reader.GetString(0), ReadJson<PageSpan[]>(reader, "pages"))
            : null;
    }

    /// <summary>Runs a one-row change and, when it changed something, logs it for the search indexes in the same transaction.</summary>
    private static async Task<bool> ExecuteAndLogAsync(SqliteConnection connection, SqliteCommand command, string collection, string? documentId, CancellationToken cancellationToken)
    {
        await using var transaction = connection.BeginTransaction();
        command.Transaction = transaction;
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false;
        }

        await LogIndexChangeAsync(connection, transaction, collection, documentId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static void BindDocument(SqliteCommand command, DocumentRecord d) =>
        command.With("$id", d.Id).With("$collection", d.Collection).With("$key", d.Key).With("$version", d.Version)
            .With("$hash", d.ContentHash).With("$fingerprint", d.PipelineFingerprint).With("$title", d.Title)
            .With("$format", d.Format.ToString()).With("$fileName", d.FileName).With("$size", d.SizeBytes)
            .With("$pages", d.PageCount).With("$chars", d.CharacterCount).With("$chunks", d.ChunkCount)
            .With("$tags", Json(d.Metadata.Tags)).With("$sourceUrl", d.Metadata.SourceUrl).With("$groups", Json(d.Metadata.AccessGroups))
            .With("$titleOverride", d.Metadata.Title).With("$ingestedBy", d.IngestedBy)
            .With("$createdAt", Time(d.CreatedAt)).With("$updatedAt", Time(d.UpdatedAt));

    private static DocumentRecord ReadDocument(SqliteDataReader r) => new(
        r.GetString(r.GetOrdinal("id")), r.GetString(r.GetOrdinal("collection")), r.GetString(r.GetOrdinal("key")),
        r.GetInt32(r.GetOrdinal("version")), r.GetString(r.GetOrdinal("content_hash")), r.GetString(r.GetOrdinal("pipeline_fingerprint")),
        r.GetString(r.GetOrdinal("title")), Enum.Parse<SourceFormat>(r.GetString(r.GetOrdinal("format"))),
        r.GetString(r.GetOrdinal("file_name")), r.GetInt64(r.GetOrdinal("size_bytes")), r.GetInt32(r.GetOrdinal("page_count")),
        r.GetInt32(r.GetOrdinal("char_count")), r.GetInt32(r.GetOrdinal("chunk_count")),
        new DocumentMetadata(ReadJson<string[]>(r, "tags"), ReadStringOrNull(r, "source_url"), ReadJson<string[]>(r, "access_groups"), ReadStringOrNull(r, "title_override")),
        r.GetString(r.GetOrdinal("ingested_by")), ReadTime(r, "created_at"), ReadTime(r, "updated_at"));

    private static Collection ReadCollection(SqliteDataReader r)
    {
        var model = ReadStringOrNull(r, "embedding_model");
        return new Collection(
            r.GetString(r.GetOrdinal("name")), ReadStringOrNull(r, "description"), r.GetInt32(r.GetOrdinal("local_only")) == 1,
            model is null ? null : ParseModel(model),
            ReadTime(r, "created_at"));
    }
}

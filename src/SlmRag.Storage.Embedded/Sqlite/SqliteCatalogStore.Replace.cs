using Microsoft.Data.Sqlite;
using SlmRag.Core.Chunking;
using SlmRag.Core.Documents;
using SlmRag.Core.Storage;
using static SlmRag.Storage.Embedded.Sqlite.SqliteValues;

namespace SlmRag.Storage.Embedded.Sqlite;

/// <summary>Writing a document version, and the documents that share its key.</summary>
internal sealed partial class SqliteCatalogStore
{
    public async Task<IReadOnlyList<DocumentRecord>> GetDocumentsByKeyAsync(string collection, string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {DocumentColumns} FROM documents WHERE collection = $collection AND key = $key ORDER BY id";
        command.With("$collection", collection).With("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var documents = new List<DocumentRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(ReadDocument(reader));
        }

        return documents;
    }

    public async Task ReplaceDocumentAsync(DocumentRecord document, DocumentContent content, IReadOnlyList<Chunk> chunks, ChunkEmbeddings? embeddings, IReadOnlyList<string> supersedes, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        if (embeddings is not null)
        {
            await ClaimEmbeddingModelAsync(connection, transaction, document.Collection, embeddings.Model, cancellationToken);
        }

        await using (var upsert = connection.CreateCommand())
        {
            upsert.Transaction = transaction;
            upsert.CommandText = $"""
                DELETE FROM chunks WHERE document_id = $id;
                INSERT INTO documents ({DocumentColumns}, extracted_text, pages)
                VALUES ($id, $collection, $key, $version, $hash, $fingerprint, $title, $format, $fileName, $size,
                        $pages, $chars, $chunks, $tags, $sourceUrl, $groups, $titleOverride, $ingestedBy, $createdAt, $updatedAt, $text, $pageSpans)
                ON CONFLICT (id) DO UPDATE SET
                    version = excluded.version, content_hash = excluded.content_hash, pipeline_fingerprint = excluded.pipeline_fingerprint,
                    title = excluded.title, format = excluded.format, file_name = excluded.file_name, size_bytes = excluded.size_bytes,
                    page_count = excluded.page_count, char_count = excluded.char_count, chunk_count = excluded.chunk_count,
                    tags = excluded.tags, source_url = excluded.source_url, access_groups = excluded.access_groups,
                    title_override = excluded.title_override, ingested_by = excluded.ingested_by, updated_at = excluded.updated_at,
                    extracted_text = excluded.extracted_text, pages = excluded.pages;
                """;
            BindDocument(upsert, document);
            upsert.With("$text", content.Text).With("$pageSpans", Json(content.Pages));
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO chunks (id, document_id, collection, ordinal, title, section_path, page_start, page_end,
                                    char_start, char_end, token_count, content_hash, text)
                VALUES ($id, $doc, $collection, $ordinal, $title, $path, $pageStart, $pageEnd, $start, $end, $tokens, $hash, $text)
                """;
            string[] names = ["$id", "$doc", "$collection", "$ordinal", "$title", "$path", "$pageStart", "$pageEnd", "$start", "$end", "$tokens", "$hash", "$text"];
            var p = names.Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();

            foreach (var chunk in chunks)
            {
                object?[] values =
                [
                    chunk.Id, chunk.DocumentId, chunk.Collection, chunk.Ordinal, chunk.Title, Json(chunk.SectionPath),
                    chunk.PageStart, chunk.PageEnd, chunk.CharStart, chunk.CharEnd, chunk.TokenCount, chunk.ContentHash, chunk.Text,
                ];
                for (var i = 0; i < p.Length; i++)
                {
                    p[i].Value = values[i] ?? DBNull.Value;
                }

                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        if (embeddings is not null)
        {
            await WriteVectorsAsync(connection, transaction, chunks, embeddings.Vectors, cancellationToken);
        }

        await LogIndexChangeAsync(connection, transaction, document.Collection, document.Id, cancellationToken);
        foreach (var superseded in supersedes.Where(id => id != document.Id).Distinct(StringComparer.Ordinal))
        {
            await using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM documents WHERE collection = $collection AND id = $id";
            delete.With("$collection", document.Collection).With("$id", superseded);
            if (await delete.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                await LogIndexChangeAsync(connection, transaction, document.Collection, superseded, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }
}

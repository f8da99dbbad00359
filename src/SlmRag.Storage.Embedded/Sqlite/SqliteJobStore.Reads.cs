using Microsoft.Data.Sqlite;
using SlmRag.Core.Documents;
using SlmRag.Core.Ingestion;
using SlmRag.Core.Jobs;
using static SlmRag.Storage.Embedded.Sqlite.SqliteValues;

namespace SlmRag.Storage.Embedded.Sqlite;

/// <summary>Reading jobs with their items.</summary>
internal sealed partial class SqliteJobStore
{
    public async Task<IngestionJob?> GetJobAsync(string jobId, CancellationToken cancellationToken)
    {
        var jobs = await ReadJobsAsync("WHERE id = $id", c => c.With("$id", jobId), cancellationToken);
        return jobs.SingleOrDefault();
    }

    public Task<IReadOnlyList<IngestionJob>> ListJobsAsync(JobQuery query, CancellationToken cancellationToken) =>
        // The access test is the search's (SearchFilter.Allows) on each file's access list: empty, or sharing a group with the caller.
        ReadJobsAsync("""
            WHERE ($collection IS NULL OR collection = $collection)
              AND ($anyCollection = 1 OR collection IN (SELECT value FROM json_each($collections)))
              AND ($everyone = 1 OR EXISTS (
                  SELECT 1 FROM job_items i WHERE i.job_id = jobs.id
                    AND (json_array_length(i.metadata, '$.accessGroups') = 0
                         OR EXISTS (SELECT 1 FROM json_each(i.metadata, '$.accessGroups') a WHERE a.value IN (SELECT value FROM json_each($groups))))))
            ORDER BY created_at DESC LIMIT $limit
            """,
            c => c.With("$collection", query.Collection).With("$limit", query.Limit)
                .With("$anyCollection", query.Collections is null ? 1 : 0).With("$collections", Json(query.Collections ?? []))
                .With("$everyone", query.Access is null || query.Access.SeesEverything ? 1 : 0).With("$groups", Json(query.Access?.CallerGroups ?? [])),
            cancellationToken);

    private async Task<IReadOnlyList<IngestionJob>> ReadJobsAsync(string where, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // One snapshot for both statements: read apart, a claim or completion committed in between showed a job
        // still queued with its item running, or (with a limit) a listed job without its items.
        await using var snapshot = connection.BeginTransaction(deferred: true);
        return await ReadJobsAsync(connection, snapshot, where, bind, cancellationToken);
    }

    private static async Task<IReadOnlyList<IngestionJob>> ReadJobsAsync(SqliteConnection connection, SqliteTransaction? transaction, string where,
        Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            SELECT * FROM jobs {where};
            SELECT * FROM job_items WHERE job_id IN (SELECT id FROM jobs {where}) ORDER BY job_id, ordinal;
            """;
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var heads = new List<(string Id, string Collection, JobState State, DateTimeOffset Created, DateTimeOffset? Finished)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            heads.Add((reader.GetString(reader.GetOrdinal("id")), reader.GetString(reader.GetOrdinal("collection")),
                Enum.Parse<JobState>(reader.GetString(reader.GetOrdinal("state"))), ReadTime(reader, "created_at"), ReadTimeOrNull(reader, "finished_at")));
        }

        await reader.NextResultAsync(cancellationToken);
        var items = new Dictionary<string, List<JobItem>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var item = ReadItem(reader);
            (items.TryGetValue(item.JobId, out var list) ? list : items[item.JobId] = []).Add(item);
        }

        return heads.Select(h => new IngestionJob(h.Id, h.Collection, h.State, h.Created, h.Finished, items.GetValueOrDefault(h.Id) ?? [])).ToList();
    }

    private static JobItem ReadItem(SqliteDataReader r)
    {
        var error = ReadStringOrNull(r, "error");
        return new JobItem(
            r.GetString(r.GetOrdinal("job_id")), r.GetInt32(r.GetOrdinal("ordinal")), r.GetString(r.GetOrdinal("file_name")),
            r.GetString(r.GetOrdinal("document_key")), ReadStringOrNull(r, "blob_id"), ReadStringOrNull(r, "content_hash"), r.GetInt64(r.GetOrdinal("size_bytes")),
            ReadJson<DocumentMetadata>(r, "metadata"), r.GetInt32(r.GetOrdinal("has_password")) == 1,
            Enum.Parse<JobItemState>(r.GetString(r.GetOrdinal("state"))), r.GetInt32(r.GetOrdinal("attempts")),
            error is null ? null : Enum.Parse<IngestionError>(error), ReadStringOrNull(r, "reason"), ReadStringOrNull(r, "document_id"),
            r.GetInt32(r.GetOrdinal("pages")), r.GetInt32(r.GetOrdinal("chunks")),
            ReadTimeOrNull(r, "started_at"), ReadTimeOrNull(r, "finished_at"));
    }
}

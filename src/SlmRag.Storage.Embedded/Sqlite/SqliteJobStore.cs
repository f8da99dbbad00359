using Microsoft.Data.Sqlite;
using SlmRag.Core.Documents;
using SlmRag.Core.Ingestion;
using SlmRag.Core.Jobs;
using SlmRag.Core.Storage;
using static SlmRag.Storage.Embedded.Sqlite.SqliteValues;

namespace SlmRag.Storage.Embedded.Sqlite;

/// <summary>
/// The durable queue in the same SQLite file as the catalog. Items are claimed with an atomic
/// UPDATE … RETURNING under an immediate transaction, so two processes never lease the same item.
/// </summary>
internal sealed partial class SqliteJobStore(SqliteDatabase database, TimeProvider time) : IJobStore
{
    public async Task<IngestionJob> CreateJobAsync(string collection, IReadOnlyList<NewJobItem> items, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var jobId = Guid.CreateVersion7(now).ToString("N");
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        var allRefused = items.All(i => i.RefusedWith is not null);
        await using (var job = connection.CreateCommand())
        {
            job.Transaction = transaction;
            job.CommandText = "INSERT INTO jobs (id, collection, state, created_at, finished_at) VALUES ($id, $collection, $state, $now, $finished)";
            job.With("$id", jobId).With("$collection", collection)
                .With("$state", (allRefused ? JobState.Completed : JobState.Queued).ToString())
                .With("$now", Time(now)).With("$finished", allRefused ? Time(now) : null);
            await job.ExecuteNonQueryAsync(cancellationToken);
        }

        for (var ordinal = 0; ordinal < items.Count; ordinal++)
        {
            var item = items[ordinal];
            var refused = item.RefusedWith is not null;
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO job_items (job_id, ordinal, file_name, document_key, blob_id, content_hash, size_bytes, metadata, password, has_password,
                                       state, error, reason, due_at, finished_at, document_id, reader_groups, reader_everything)
                VALUES ($job, $ordinal, $fileName, $key, $blob, $hash, $size, $metadata, $password, $hasPassword, $state, $error, $reason, $now, $finished,
                        $documentId, $readerGroups, $readerEverything)
                """;
            // The document is decided now, from the request alone; the worker writes exactly this id.
            var uploader = item.Uploader ?? UploaderAccess.Operator;
            insert.With("$job", jobId).With("$ordinal", ordinal).With("$fileName", item.FileName).With("$key", item.DocumentKey)
                .With("$blob", item.BlobId).With("$hash", item.ContentHash).With("$size", item.SizeBytes).With("$metadata", Json(item.Metadata))
                .With("$password", refused ? null : item.Password).With("$hasPassword", item.Password is null ? 0 : 1)
                .With("$state", (refused ? JobItemState.Failed : JobItemState.Pending).ToString())
                .With("$error", item.RefusedWith?.ToString()).With("$reason", item.RefusalReason)
                .With("$now", Time(now)).With("$finished", refused ? Time(now) : null)
                .With("$documentId", refused ? null : item.DocumentId(collection))
                .With("$readerGroups", Json(uploader.Groups)).With("$readerEverything", uploader.SeesEverything ? 1 : 0);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        // Read before committing: once committed, a worker may claim an item before a second read, and the caller
        // would be told of a job already running (or finished) instead of the one it just submitted.
        var created = (await ReadJobsAsync(connection, transaction, "WHERE id = $id", c => c.With("$id", jobId), cancellationToken)).Single();
        await transaction.CommitAsync(cancellationToken);
        return created;
    }

    public async Task<JobSummary?> GetJobSummaryAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT j.collection, j.state, COUNT(i.ordinal),
                   COALESCE(SUM(i.state IN ('Succeeded', 'Unchanged', 'Failed')), 0), COALESCE(SUM(i.state = 'Succeeded'), 0),
                   COALESCE(SUM(i.state = 'Unchanged'), 0), COALESCE(SUM(i.state = 'Failed'), 0),
                   COALESCE(SUM(i.pages), 0), COALESCE(SUM(i.chunks), 0)
            FROM jobs j LEFT JOIN job_items i ON i.job_id = j.id
            WHERE j.id = $id GROUP BY j.id
            """;
        command.With("$id", jobId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new JobSummary(jobId, reader.GetString(0), Enum.Parse<JobState>(reader.GetString(1)), new JobProgress(
            reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8)));
    }

    public async Task<ClaimedJobItem?> ClaimNextItemAsync(string workerId, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expires = now + lease;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        await using var claim = connection.CreateCommand();
        claim.Transaction = transaction;
        claim.CommandText = """
            UPDATE job_items
            SET state = 'Running', lease_owner = $worker, lease_expires_at = $expires, attempts = attempts + 1,
                started_at = COALESCE(started_at, $now)
            WHERE rowid = COALESCE(
                (SELECT rowid FROM job_items WHERE state = 'Running' AND lease_expires_at <= $now ORDER BY lease_expires_at LIMIT 1),
                (SELECT rowid FROM job_items WHERE state = 'Pending' AND due_at <= $now ORDER BY due_at, job_id, ordinal LIMIT 1))
            RETURNING job_id, ordinal, password, reader_groups, reader_everything;
            """;
        claim.With("$worker", workerId).With("$expires", Time(expires)).With("$now", Time(now));
        string jobId;
        int ordinal;
        string? password;
        string? readerGroups;
        bool readerEverything;
        await using (var reader = await claim.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            jobId = reader.GetString(0);
            ordinal = reader.GetInt32(1);
            password = reader.IsDBNull(2) ? null : reader.GetString(2);
            readerGroups = reader.IsDBNull(3) ? null : reader.GetString(3);
            readerEverything = reader.GetInt32(4) == 1;
        }

        await using (var job = connection.CreateCommand())
        {
            job.Transaction = transaction;
            job.CommandText = "UPDATE jobs SET state = 'Running' WHERE id = $id AND state = 'Queued'";
            job.With("$id", jobId);
            await job.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT i.*, j.collection FROM job_items i JOIN jobs j ON j.id = i.job_id WHERE i.job_id = $job AND i.ordinal = $ordinal";
        read.With("$job", jobId).With("$ordinal", ordinal);
        JobItem item;
        string collection;
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            item = ReadItem(reader);
            collection = reader.GetString(reader.GetOrdinal("collection"));
        }

        await transaction.CommitAsync(cancellationToken);
        // An item queued before version 3 recorded no reader: it may replace what its own access list can read.
        var uploader = readerGroups is null
            ? new UploaderAccess(item.Metadata.AccessGroups, SeesEverything: false)
            : new UploaderAccess(System.Text.Json.JsonSerializer.Deserialize<string[]>(readerGroups, System.Text.Json.JsonSerializerOptions.Web) ?? [], readerEverything);
        return new ClaimedJobItem(item, collection, password, expires, uploader);
    }

    public async Task<QueueLag> GetQueueLagAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COUNT(*), MIN(due) FROM (
                SELECT due_at AS due FROM job_items WHERE state = 'Pending' AND due_at <= $now
                UNION ALL
                SELECT lease_expires_at FROM job_items WHERE state = 'Running' AND lease_expires_at <= $now)
            """;
        command.With("$now", Time(time.GetUtcNow()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new QueueLag(reader.GetInt32(0), reader.IsDBNull(1) ? null : DateTimeOffset.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<QueueDepth> GetQueueDepthAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FILTER (WHERE state = 'Pending'), COUNT(*) FILTER (WHERE state = 'Running') FROM job_items WHERE state IN ('Pending', 'Running')";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new QueueDepth(reader.GetInt32(0), reader.GetInt32(1));
    }

    public async Task<bool> RenewLeaseAsync(string jobId, int ordinal, string workerId, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE job_items SET lease_expires_at = $expires
            WHERE job_id = $job AND ordinal = $ordinal AND lease_owner = $worker AND state = 'Running'
            """;
        command.With("$expires", Time(time.GetUtcNow() + lease)).With("$job", jobId).With("$ordinal", ordinal).With("$worker", workerId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task ReportItemProgressAsync(string jobId, int ordinal, string workerId, int pages, int chunks, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE job_items SET pages = $pages, chunks = $chunks
            WHERE job_id = $job AND ordinal = $ordinal AND lease_owner = $worker AND state = 'Running'
            """;
        command.With("$pages", pages).With("$chunks", chunks).With("$job", jobId).With("$ordinal", ordinal).With("$worker", workerId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> CompleteItemAsync(string jobId, int ordinal, string workerId, JobItemResult result, CancellationToken cancellationToken)
    {
        var now = Time(time.GetUtcNow());
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        await using var item = connection.CreateCommand();
        item.Transaction = transaction;
        item.CommandText = """
            UPDATE job_items
            SET state = $state, error = $error, reason = $reason, document_id = $doc, pages = $pages, chunks = $chunks,
                finished_at = $now, password = NULL, lease_owner = NULL, lease_expires_at = NULL
            WHERE job_id = $job AND ordinal = $ordinal AND lease_owner = $worker AND state = 'Running'
            RETURNING has_password;
            """;
        item.With("$state", result.State.ToString()).With("$error", result.Error?.ToString()).With("$reason", result.Reason)
            .With("$doc", result.DocumentId).With("$pages", result.Pages).With("$chunks", result.Chunks).With("$now", now)
            .With("$job", jobId).With("$ordinal", ordinal).With("$worker", workerId);
        if (await item.ExecuteScalarAsync(cancellationToken) is not long hadPassword)
        {
            return false;
        }

        await using var job = connection.CreateCommand();
        job.Transaction = transaction;
        job.CommandText = """
            UPDATE jobs SET state = 'Completed', finished_at = $now
            WHERE id = $job AND NOT EXISTS (SELECT 1 FROM job_items WHERE job_id = $job AND state IN ('Pending', 'Running'))
            """;
        job.With("$now", now).With("$job", jobId);
        await job.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (hadPassword == 1)
        {
            // secure_delete zeroes the old row in the database file; the write-ahead log still holds it until truncated.
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync(CancellationToken.None);
        }

        return true;
    }

    public async Task<IReadOnlySet<string>> BlobsInUseAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT blob_id FROM job_items WHERE blob_id IS NOT NULL AND state IN ('Pending', 'Running')";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var blobs = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            blobs.Add(reader.GetString(0));
        }

        return blobs;
    }

    public async Task<bool> RetryItemLaterAsync(string jobId, int ordinal, string workerId, string reason, DateTimeOffset notBefore, bool countsAsAttempt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE job_items SET state = 'Pending', due_at = $due, reason = $reason, lease_owner = NULL, lease_expires_at = NULL,
                                 attempts = attempts - $uncount
            WHERE job_id = $job AND ordinal = $ordinal AND lease_owner = $worker AND state = 'Running'
            """;
        command.With("$due", Time(notBefore)).With("$reason", reason).With("$uncount", countsAsAttempt ? 0 : 1).With("$job", jobId).With("$ordinal", ordinal).With("$worker", workerId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}

using Microsoft.Data.Sqlite;
using SlmRag.Core.Storage;

namespace SlmRag.Storage.Embedded.Sqlite;

/// <summary>
/// Opens connections to the one SQLite file of the data directory and creates its schema.
/// WAL mode lets the API and a separate worker process read while the other writes.
/// </summary>
internal sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly Lazy<Task> _schema;

    public SqliteDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw StartupFailures.DataDirectory(System.IO.Path.GetDirectoryName(Path)!, ex);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _schema = new Lazy<Task>(CreateSchemaAsync);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Creates or checks the schema; called at start-up so a bad data directory stops the service at once.</summary>
    public Task EnsureSchemaAsync() => _schema.Value;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _schema.Value;
        return await OpenRawAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        // secure_delete: deleted rows (an encrypted PDF's password, a deleted document) are overwritten, not left in free pages.
        pragma.CommandText = "PRAGMA busy_timeout = 15000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    private async Task CreateSchemaAsync()
    {
        try
        {
            await CreateOrCheckSchemaAsync();
        }
        catch (SqliteException ex)
        {
            throw StartupFailures.Database(Path, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw StartupFailures.DataDirectory(System.IO.Path.GetDirectoryName(Path)!, ex);
        }
    }

    private async Task CreateOrCheckSchemaAsync()
    {
        await using var connection = await OpenRawAsync(CancellationToken.None);
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA user_version; SELECT COUNT(*) FROM sqlite_master WHERE type = 'table';";
        long version;
        long tables;
        await using (var reader = await check.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            version = reader.GetInt64(0);
            await reader.NextResultAsync();
            await reader.ReadAsync();
            tables = reader.GetInt64(0);
        }

        if (version >= SqliteSchemaMigration.OldestMigratable && version < SqliteSchema.Version)
        {
            await SqliteSchemaMigration.MigrateAsync(connection);
            version = SqliteSchema.Version;
        }

        if (version != SqliteSchema.Version && (version != 0 || tables > 0))
        {
            throw new StorageConfigurationException(
                $"The database {connection.DataSource} has schema version {version}; this SlmRag needs version {SqliteSchema.Version}. " +
                "Point Storage:DataDirectory at a new folder and ingest again, or restore the matching SlmRag version.");
        }

        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA journal_mode = WAL; {SqliteSchema.Script} PRAGMA user_version = {SqliteSchema.Version};";
        await command.ExecuteNonQueryAsync();
    }
}

using System.Globalization;
using Microsoft.Data.Sqlite;
using SlmRag.Storage.Embedded.Sqlite;

namespace SlmRag.Storage.Embedded.Search;

/// <summary>
/// The last index_log entry of a collection, read on one kept-open connection with a prepared statement. Every search
/// asks (twice per hybrid query), and opening a pooled connection with its pragmas and preparing the query again cost
/// more than the answer. A SQLite connection serves one thread at a time, so askers take turns for the few
/// microseconds a prepared read takes; between reads the connection holds no read transaction, so it sees every commit
/// and holds up neither writers nor checkpoints. Thread-safe.
/// </summary>
internal sealed class IndexLogPosition(SqliteDatabase database) : IDisposable
{
    private readonly Lock _turn = new();
    private readonly SemaphoreSlim _opening = new(1, 1);
    private SqliteConnection? _connection;
    private SqliteCommand? _latest;
    private bool _disposed;

    public async Task<long> LatestAsync(string collection, CancellationToken cancellationToken)
    {
        var command = Volatile.Read(ref _latest) ?? await OpenAsync(cancellationToken);
        lock (_turn)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            command.Parameters[0].Value = collection;
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    public void Dispose()
    {
        lock (_turn)
        {
            _disposed = true;
            _latest?.Dispose();
            _connection?.Dispose();
        }

        _opening.Dispose();
    }

    private async Task<SqliteCommand> OpenAsync(CancellationToken cancellationToken)
    {
        await _opening.WaitAsync(cancellationToken);
        try
        {
            if (_latest is { } opened)
            {
                return opened;
            }

            var connection = await database.OpenAsync(cancellationToken);
            var command = connection.CreateCommand();
            command.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM index_log WHERE collection = $c";
            command.Parameters.Add("$c", SqliteType.Text);
            command.Prepare();
            lock (_turn)
            {
                if (_disposed)
                {
                    command.Dispose();
                    connection.Dispose();
                    ObjectDisposedException.ThrowIf(true, this);
                }

                _connection = connection;
                Volatile.Write(ref _latest, command);
            }

            return command;
        }
        finally
        {
            _opening.Release();
        }
    }
}

using Microsoft.Data.Sqlite;
using SlmRag.Core.Storage;

namespace SlmRag.Storage.Embedded.Sqlite;

/// <summary>Start-up errors that name the file and say what to do, instead of a raw SQLite or I/O exception.</summary>
internal static class StartupFailures
{
    public static StorageConfigurationException Database(string path, SqliteException ex) => ex.SqliteErrorCode switch
    {
        // SQLITE_CORRUPT, SQLITE_NOTADB
        11 or 26 => new StorageConfigurationException(
            $"The database {path} is damaged or is not an SlmRag database (SQLite: {ex.Message}). Restore it from a backup, " +
            "or move it aside and start again to rebuild the catalog by ingesting the documents again (Storage:DataDirectory).", ex),
        // SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_AUTH
        8 or 14 or 3 or 23 => new StorageConfigurationException(
            $"The database {path} cannot be opened for writing (SQLite: {ex.Message}). Make the folder {System.IO.Path.GetDirectoryName(path)} and the file " +
            $"writable by the user running SlmRag ({Environment.UserName}), or point Storage:DataDirectory at a writable folder.", ex),
        // SQLITE_FULL
        13 => new StorageConfigurationException(
            $"The disk holding {path} is full (SQLite: {ex.Message}). Free space on it, or point Storage:DataDirectory at another disk.", ex),
        _ => new StorageConfigurationException($"The database {path} cannot be used (SQLite error {ex.SqliteErrorCode}: {ex.Message}). Check the file and Storage:DataDirectory.", ex),
    };

    public static StorageConfigurationException DataDirectory(string directory, Exception ex) =>
        new($"The data directory {directory} cannot be created or written ({ex.Message}). Make it writable by the user running SlmRag " +
            $"({Environment.UserName}), or point Storage:DataDirectory at a writable folder.", ex);
}

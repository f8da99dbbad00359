namespace SlmRag.Storage.Embedded.Sqlite;

/// <summary>
/// The catalog schema. Chunks cascade from documents and documents from collections, so a delete
/// removes everything derived from what was deleted. Idempotent: runs at every start.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>Stored in PRAGMA user_version; an older version is migrated (<see cref="SqliteSchemaMigration"/>), any other refused with a clear message.</summary>
    public const int Version = 3;

    public static readonly string Script = $$"""
        CREATE TABLE IF NOT EXISTS collections (
            name            TEXT PRIMARY KEY,
            description     TEXT,
            local_only      INTEGER NOT NULL DEFAULT 0,
            embedding_model TEXT,
            created_at      TEXT NOT NULL
        );
        {{DocumentsTable("documents")}}
        CREATE INDEX IF NOT EXISTS ix_documents_key ON documents(collection, key);
        CREATE TABLE IF NOT EXISTS chunks (
            id            TEXT PRIMARY KEY,
            document_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            collection    TEXT NOT NULL,
            ordinal       INTEGER NOT NULL,
            title         TEXT NOT NULL,
            section_path  TEXT NOT NULL,
            page_start    INTEGER,
            page_end      INTEGER,
            char_start    INTEGER NOT NULL,
            char_end      INTEGER NOT NULL,
            token_count   INTEGER NOT NULL,
            content_hash  TEXT NOT NULL,
            text          TEXT NOT NULL,
            UNIQUE (document_id, ordinal)
        );
        CREATE INDEX IF NOT EXISTS ix_chunks_collection ON chunks(collection);
        CREATE INDEX IF NOT EXISTS ix_chunks_document ON chunks(document_id);
        CREATE TABLE IF NOT EXISTS chunk_vectors (
            chunk_id TEXT PRIMARY KEY REFERENCES chunks(id) ON DELETE CASCADE,
            vector   BLOB NOT NULL
        );
        -- Every change to what a collection's search indexes hold, in commit order. In-memory indexes
        -- (in the API and in any other process) replay it to stay current. document_id NULL: the whole collection.
        CREATE TABLE IF NOT EXISTS index_log (
            seq         INTEGER PRIMARY KEY AUTOINCREMENT,
            collection  TEXT NOT NULL,
            document_id TEXT
        );
        CREATE INDEX IF NOT EXISTS ix_index_log_collection ON index_log(collection, seq);
        CREATE TABLE IF NOT EXISTS jobs (
            id          TEXT PRIMARY KEY,
            collection  TEXT NOT NULL,
            state       TEXT NOT NULL,
            created_at  TEXT NOT NULL,
            finished_at TEXT
        );
        CREATE INDEX IF NOT EXISTS ix_jobs_created ON jobs(created_at);
        CREATE TABLE IF NOT EXISTS job_items (
            job_id           TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
            ordinal          INTEGER NOT NULL,
            file_name        TEXT NOT NULL,
            document_key     TEXT NOT NULL,
            blob_id          TEXT,
            content_hash     TEXT,
            size_bytes       INTEGER NOT NULL,
            metadata         TEXT NOT NULL,
            password         TEXT,
            has_password     INTEGER NOT NULL,
            state            TEXT NOT NULL,
            attempts         INTEGER NOT NULL DEFAULT 0,
            error            TEXT,
            reason           TEXT,
            document_id      TEXT,
            pages            INTEGER NOT NULL DEFAULT 0,
            chunks           INTEGER NOT NULL DEFAULT 0,
            due_at           TEXT NOT NULL,
            lease_owner      TEXT,
            lease_expires_at TEXT,
            started_at       TEXT,
            finished_at      TEXT,
            reader_groups    TEXT,
            reader_everything INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (job_id, ordinal)
        );
        CREATE INDEX IF NOT EXISTS ix_job_items_due ON job_items(state, due_at, job_id, ordinal);
        CREATE INDEX IF NOT EXISTS ix_job_items_lease ON job_items(state, lease_expires_at);
        CREATE INDEX IF NOT EXISTS ix_job_items_job_state ON job_items(job_id, state);
        """;

    /// <summary>
    /// Documents: one row per collection, key and access list (the id, <see cref="Core.Documents.DocumentIds.ForScope"/>); version 2
    /// allowed one row per key, so an upload under a key taken by a hidden document could only fail or overwrite it.
    /// </summary>
    public static string DocumentsTable(string name) => $$"""
        CREATE TABLE IF NOT EXISTS {{name}} (
            id                   TEXT PRIMARY KEY,
            collection           TEXT NOT NULL REFERENCES collections(name) ON DELETE CASCADE,
            key                  TEXT NOT NULL,
            version              INTEGER NOT NULL,
            content_hash         TEXT NOT NULL,
            pipeline_fingerprint TEXT NOT NULL,
            title                TEXT NOT NULL,
            format               TEXT NOT NULL,
            file_name            TEXT NOT NULL,
            size_bytes           INTEGER NOT NULL,
            page_count           INTEGER NOT NULL,
            char_count           INTEGER NOT NULL,
            chunk_count          INTEGER NOT NULL,
            tags                 TEXT NOT NULL,
            source_url           TEXT,
            access_groups        TEXT NOT NULL,
            title_override       TEXT,
            ingested_by          TEXT NOT NULL,
            extracted_text       TEXT NOT NULL,
            pages                TEXT NOT NULL,
            created_at           TEXT NOT NULL,
            updated_at           TEXT NOT NULL
        );
        """;
}

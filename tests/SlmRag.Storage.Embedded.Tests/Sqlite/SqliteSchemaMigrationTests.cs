using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SlmRag.Core.Chunking;
using SlmRag.Core.Documents;
using SlmRag.Core.Extraction;
using SlmRag.Core.Storage;

namespace SlmRag.Storage.Embedded.Tests.Sqlite;

/// <summary>A database written by schema version 2 (one document per key, ids from collection and key only) opened by this build.</summary>
public sealed class SqliteSchemaMigrationTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string OldBoardId = DocumentIds.ForKey("hr", "board.md");
    private static readonly string BoardId = DocumentIds.ForScope("hr", "board.md", ["board"]);
    private static readonly string LeaveId = DocumentIds.ForKey("hr", "leave.md");

    private readonly SqliteStoreFixture _fixture = new();

    public SqliteSchemaMigrationTests()
    {
        // The fixture's services have not opened the file yet: write a version 2 database in its place.
        Directory.CreateDirectory(_fixture.DataDirectory);
        using var connection = new SqliteConnection($"Data Source={_fixture.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Sqlite", "SchemaVersion2.sql")) + """

            PRAGMA journal_mode = WAL;
            INSERT INTO collections (name, created_at) VALUES ('hr', '2026-11-01T00:00:00.0000000Z');
            INSERT INTO documents (id, collection, key, version, content_hash, pipeline_fingerprint, title, format, file_name, size_bytes,
                                   page_count, char_count, chunk_count, tags, source_url, access_groups, title_override, ingested_by,
                                   extracted_text, pages, created_at, updated_at)
            VALUES ($board, 'hr', 'board.md', 3, 'h1', 'fp', 'Board', 'Markdown', 'board.md', 10, 0, 20, 1, '[]', NULL, '["board"]', NULL, 'j/0',
                    'The bonus pool is 740,000.', '[]', '2026-11-01T00:00:00.0000000Z', '2026-11-02T00:00:00.0000000Z'),
                   ($leave, 'hr', 'leave.md', 1, 'h2', 'fp', 'Leave', 'Markdown', 'leave.md', 10, 0, 20, 1, '[]', NULL, '[]', NULL, 'j/1',
                    'Leave is 27 days.', '[]', '2026-11-01T00:00:00.0000000Z', '2026-11-01T00:00:00.0000000Z');
            INSERT INTO chunks (id, document_id, collection, ordinal, title, section_path, char_start, char_end, token_count, content_hash, text)
            VALUES ('c-board', $board, 'hr', 0, 'Board', '[]', 0, 26, 8, 'x', 'The bonus pool is 740,000.'),
                   ('c-leave', $leave, 'hr', 0, 'Leave', '[]', 0, 17, 5, 'y', 'Leave is 27 days.');
            INSERT INTO jobs (id, collection, state, created_at) VALUES ('j', 'hr', 'Queued', '2026-11-03T00:00:00.0000000Z');
            INSERT INTO job_items (job_id, ordinal, file_name, document_key, blob_id, content_hash, size_bytes, metadata, has_password, state, due_at)
            VALUES ('j', 0, 'board.md', 'board.md', 'blob', 'h3', 10, '{"tags":[],"sourceUrl":null,"accessGroups":["board"],"title":null}', 0,
                    'Pending', '2026-11-03T00:00:00.0000000Z');
            """;
        command.Parameters.AddWithValue("$board", OldBoardId);
        command.Parameters.AddWithValue("$leave", LeaveId);
        command.ExecuteNonQuery();
    }

    private ICatalogStore Catalog => _fixture.Services.GetRequiredService<ICatalogStore>();

    [Fact]
    public async Task A_restricted_document_moves_to_its_scoped_id_with_its_chunks_and_public_ids_stay()
    {
        Assert.Null(await Catalog.GetDocumentAsync("hr", OldBoardId, Ct));
        var board = await Catalog.GetDocumentAsync("hr", BoardId, Ct);
        Assert.Equal((3, "board.md", "board"), (board!.Version, board.Key, string.Join(",", board.Metadata.AccessGroups)));
        Assert.Equal("c-board", Assert.Single(await Catalog.GetChunksAsync("hr", BoardId, Ct)).Id);
        Assert.Equal("Leave is 27 days.", Assert.Single(await Catalog.GetChunksAsync("hr", LeaveId, Ct)).Text);
        Assert.Equal(3, await ScalarAsync("PRAGMA user_version"));
        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM pragma_foreign_key_check"));

        // The search indexes replay the move: the old id removed, the new one written.
        var changes = await _fixture.Services.GetRequiredService<IIndexChangeFeed>().ReadChangesAsync(0, 100, Ct);
        Assert.Equal([OldBoardId, BoardId], changes.Select(c => c.DocumentId));
    }

    [Fact]
    public async Task After_migration_a_key_holds_one_document_per_access_list()
    {
        var now = DateTimeOffset.Parse("2026-11-05T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var open = new DocumentRecord(OldBoardId, "hr", "board.md", 1, "h4", "fp", "Board", SourceFormat.Markdown, "board.md", 5, 0, 5, 1,
            DocumentMetadata.Empty, "k/0", now, now);
        await Catalog.ReplaceDocumentAsync(open, new DocumentContent("Open.", []), [new Chunk("c-open", OldBoardId, "hr", 0, "Board", [], null, null, 0, 5, 1, "z", "Open.")], null, Ct);

        var byKey = await Catalog.GetDocumentsByKeyAsync("hr", "board.md", Ct);
        Assert.Equal(new[] { BoardId, OldBoardId }.Order(StringComparer.Ordinal), byKey.Select(d => d.Id));
        Assert.Contains("740,000", Assert.Single(await Catalog.GetChunksAsync("hr", BoardId, Ct)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_item_queued_before_the_migration_is_claimed_with_its_own_access_list_as_the_reader()
    {
        var claimed = await _fixture.Services.GetRequiredService<IJobStore>().ClaimNextItemAsync("w", TimeSpan.FromMinutes(1), Ct);

        Assert.Null(claimed!.Item.DocumentId);
        Assert.Equal(("board", false), (string.Join(",", claimed.Uploader.Groups), claimed.Uploader.SeesEverything));
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await Catalog.ListCollectionsAsync(Ct);
        await using var connection = new SqliteConnection($"Data Source={_fixture.DatabasePath};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    public void Dispose() => _fixture.Dispose();
}

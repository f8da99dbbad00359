using System.Text;
using Microsoft.Data.Sqlite;

namespace SlmRag.Evaluation.Running;

/// <summary>
/// The reference point: SQLite FTS5 with its porter/unicode61 tokenizer and built-in bm25() over the
/// same chunk texts, in an in-memory database. Queries are the query's words OR-ed together.
/// </summary>
internal sealed class Fts5Baseline : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly SqliteCommand _query;

    public Fts5Baseline(IEnumerable<(string DocumentId, string Text)> chunks)
    {
        _connection.Open();
        using (var create = _connection.CreateCommand())
        {
            create.CommandText = "CREATE VIRTUAL TABLE f USING fts5(text, doc UNINDEXED, tokenize = 'porter unicode61')";
            create.ExecuteNonQuery();
        }

        using (var transaction = _connection.BeginTransaction())
        using (var insert = _connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO f (text, doc) VALUES ($text, $doc)";
            var text = insert.Parameters.Add(new SqliteParameter { ParameterName = "$text" });
            var doc = insert.Parameters.Add(new SqliteParameter { ParameterName = "$doc" });
            foreach (var chunk in chunks)
            {
                text.Value = chunk.Text;
                doc.Value = chunk.DocumentId;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        _query = _connection.CreateCommand();
        _query.CommandText = "SELECT doc FROM f WHERE f MATCH $q ORDER BY bm25(f) LIMIT $limit";
        _query.Parameters.Add(new SqliteParameter { ParameterName = "$q" });
        _query.Parameters.Add(new SqliteParameter { ParameterName = "$limit" });
    }

    public List<string> Search(string query, int limit)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in query + " ")
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                words.Add($"\"{word}\"");
                word.Clear();
            }
        }

        var documents = new List<string>();
        if (words.Count == 0)
        {
            return documents;
        }

        // Rows are chunks: rank documents by their best chunk, as SlmRag's systems are ranked.
        _query.Parameters["$q"].Value = string.Join(" OR ", words.Distinct());
        _query.Parameters["$limit"].Value = limit * 3;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var reader = _query.ExecuteReader();
        while (reader.Read() && documents.Count < limit)
        {
            var document = reader.GetString(0);
            if (seen.Add(document))
            {
                documents.Add(document);
            }
        }

        return documents;
    }

    public void Dispose()
    {
        _query.Dispose();
        _connection.Dispose();
    }
}

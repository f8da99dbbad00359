using System.Text;

namespace SlmRag.Evaluation.Collections;

/// <summary>
/// SMART layout (Cranfield, CISI, MED): records start with ".I id", fields with ".T", ".A", ".B", ".W".
/// The file with the most records is the corpus; the other record file holds queries; the rest is qrels.
/// Cranfield's qrels number queries by position, not by their .I id; that is detected and mapped.
/// </summary>
internal static class SmartReader
{
    public static TestCollection Read(string name, List<string> files, Dictionary<string, string> heads)
    {
        var recordFiles = files.Where(f => heads[f].TrimStart().StartsWith(".I ", StringComparison.Ordinal))
            .Select(f => (File: f, Records: Records(File.ReadAllText(f)))).OrderByDescending(r => r.Records.Count).ToList();
        if (recordFiles.Count < 2)
        {
            throw new InvalidDataException("A SMART collection needs a documents file and a queries file of .I records.");
        }

        var documents = recordFiles[0].Records.Select(r => new TestDocument(r.Id, r.Fields.GetValueOrDefault("T", string.Empty), r.Fields.GetValueOrDefault("W", string.Empty))).ToList();
        var queries = recordFiles[1].Records.Select(r => new TestQuery(r.Id, r.Fields.GetValueOrDefault("W", string.Empty))).ToList();
        var qrelsFile = files.Except(recordFiles.Select(r => r.File)).SingleOrDefault()
            ?? throw new InvalidDataException("A SMART collection needs exactly one qrels file beside its two record files.");
        var judgements = Qrels.Read(qrelsFile, QrelsColumns.SmartCodes);

        var ids = queries.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        if (judgements.Keys.Any(k => !ids.Contains(k)) && judgements.Keys.All(k => int.TryParse(k, out var n) && n >= 1 && n <= queries.Count))
        {
            queries = queries.Select((q, i) => q with { Id = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToList();
        }

        return new TestCollection(name, documents, queries, judgements);
    }

    private static List<(string Id, Dictionary<string, string> Fields)> Records(string text)
    {
        var records = new List<(string, Dictionary<string, string>)>();
        Dictionary<string, StringBuilder>? fields = null;
        string? id = null;
        string? field = null;
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.StartsWith(".I ", StringComparison.Ordinal))
            {
                Flush();
                id = line[3..].Trim().TrimStart('0');
                id = id.Length == 0 ? "0" : id;
                fields = [];
                field = null;
            }
            else if (line.Length >= 2 && line[0] == '.' && char.IsAsciiLetterUpper(line[1]) && line.TrimEnd().Length == 2)
            {
                field = line[1].ToString();
            }
            else if (fields is not null && field is not null)
            {
                (fields.TryGetValue(field, out var b) ? b : fields[field] = new StringBuilder()).Append(line).Append(' ');
            }
        }

        Flush();
        return records;

        void Flush()
        {
            if (id is not null && fields is not null)
            {
                records.Add((id, fields.ToDictionary(f => f.Key, f => f.Value.ToString().Trim())));
            }
        }
    }
}

namespace SlmRag.Evaluation.Collections;

/// <summary>
/// Reads a test collection from a folder, recognising the layout by its files: BEIR (corpus.jsonl,
/// queries.jsonl, qrels/*.tsv), TREC (&lt;DOC&gt;/&lt;DOCNO&gt; documents, &lt;top&gt; topics, "q 0 d rel" qrels)
/// or SMART (.I/.T/.W records, as Cranfield, CISI, MED).
/// </summary>
public static class TestCollectionReader
{
    public static TestCollection Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"No test collection at {folder}.");
        }

        var name = Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar));
        if (File.Exists(Path.Combine(folder, "corpus.jsonl")))
        {
            return BeirReader.Read(name, folder);
        }

        var files = Directory.GetFiles(folder).Where(f => !Path.GetFileName(f).StartsWith('.') && !f.EndsWith(".md", StringComparison.OrdinalIgnoreCase)).ToList();
        var heads = files.ToDictionary(f => f, Head);
        if (heads.Values.Any(h => h.Contains("<DOC>", StringComparison.OrdinalIgnoreCase)))
        {
            return TrecReader.Read(name, files, heads);
        }

        if (heads.Values.Any(h => h.TrimStart().StartsWith(".I ", StringComparison.Ordinal)))
        {
            return SmartReader.Read(name, files, heads);
        }

        throw new InvalidDataException($"{folder} is not a BEIR, TREC or SMART test collection (see 'slmrag eval --help').");
    }

    private static string Head(string path)
    {
        using var reader = new StreamReader(path);
        var buffer = new char[4096];
        var read = reader.ReadBlock(buffer, 0, buffer.Length);
        return new string(buffer, 0, read);
    }
}

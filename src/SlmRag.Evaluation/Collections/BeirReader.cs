using System.Text.Json;

namespace SlmRag.Evaluation.Collections;

/// <summary>BEIR layout: corpus.jsonl {_id, title, text}, queries.jsonl {_id, text}, qrels/test.tsv (else dev, else train).</summary>
internal static class BeirReader
{
    public static TestCollection Read(string name, string folder)
    {
        var documents = Lines(Path.Combine(folder, "corpus.jsonl"))
            .Select(e => new TestDocument(Id(e), e.TryGetProperty("title", out var t) ? t.GetString() ?? string.Empty : string.Empty, e.GetProperty("text").GetString() ?? string.Empty))
            .ToList();
        var queries = Lines(Path.Combine(folder, "queries.jsonl")).Select(e => new TestQuery(Id(e), e.GetProperty("text").GetString() ?? string.Empty)).ToList();
        var qrels = new[] { "test", "dev", "train" }.Select(split => Path.Combine(folder, "qrels", split + ".tsv")).FirstOrDefault(File.Exists)
            ?? throw new InvalidDataException($"No qrels/test.tsv, dev.tsv or train.tsv in {folder}.");
        var judgements = Qrels.Read(qrels, QrelsColumns.BeirTsv);
        // BEIR ships queries of every split; keep the judged ones.
        return new TestCollection(name, documents, queries.Where(q => judgements.ContainsKey(q.Id)).ToList(), judgements);
    }

    private static IEnumerable<JsonElement> Lines(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement);

    private static string Id(JsonElement element) => element.GetProperty("_id") is { ValueKind: JsonValueKind.Number } n ? n.GetRawText() : element.GetProperty("_id").GetString()!;
}

using System.Text.RegularExpressions;

namespace SlmRag.Evaluation.Collections;

/// <summary>TREC layout: SGML-ish documents and topics, whitespace-separated qrels ("query iteration document grade").</summary>
internal static partial class TrecReader
{
    public static TestCollection Read(string name, List<string> files, Dictionary<string, string> heads)
    {
        var documents = new List<TestDocument>();
        var queries = new List<TestQuery>();
        Dictionary<string, IReadOnlyDictionary<string, int>>? judgements = null;
        foreach (var file in files)
        {
            var head = heads[file];
            if (head.Contains("<DOC>", StringComparison.OrdinalIgnoreCase))
            {
                documents.AddRange(Documents(File.ReadAllText(file)));
            }
            else if (head.Contains("<top>", StringComparison.OrdinalIgnoreCase))
            {
                queries.AddRange(Topics(File.ReadAllText(file)));
            }
            else if (QrelsLine().IsMatch(head.Split('\n')[0].Trim()))
            {
                judgements = Qrels.Read(file, QrelsColumns.TrecFour);
            }
        }

        return new TestCollection(name, documents, queries, judgements ?? throw new InvalidDataException($"No qrels file among {string.Join(", ", files.Select(Path.GetFileName))}."));
    }

    private static IEnumerable<TestDocument> Documents(string text)
    {
        foreach (Match doc in Doc().Matches(text))
        {
            var body = doc.Groups[1].Value;
            var id = DocNo().Match(body).Groups[1].Value.Trim();
            var title = Title().Match(body) is { Success: true } t ? Tags().Replace(t.Groups[1].Value, " ").Trim() : string.Empty;
            var rest = Tags().Replace(DocNo().Replace(body, " "), " ");
            yield return new TestDocument(id, title, Spaces().Replace(rest, " ").Trim());
        }
    }

    private static IEnumerable<TestQuery> Topics(string text)
    {
        foreach (Match top in Top().Matches(text))
        {
            var body = top.Groups[1].Value;
            var number = Num().Match(body).Groups[1].Value.Replace("Number:", string.Empty, StringComparison.OrdinalIgnoreCase).Trim();
            var title = Title().Match(body).Groups[1].Value.Replace("Topic:", string.Empty, StringComparison.OrdinalIgnoreCase);
            yield return new TestQuery(number, Spaces().Replace(Tags().Replace(title, " "), " ").Trim());
        }
    }

    [GeneratedRegex(@"<DOC>(.*?)</DOC>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Doc();

    [GeneratedRegex(@"<DOCNO>(.*?)</DOCNO>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex DocNo();

    [GeneratedRegex(@"<top>(.*?)</top>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Top();

    [GeneratedRegex(@"<num>(.*?)(?=<|$)", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Num();

    [GeneratedRegex(@"<title>(.*?)(?=</title>|<desc>|<narr>|</top>|$)", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Title();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^\S+\s+\S+\s+\S+\s+-?\d+$")]
    private static partial Regex QrelsLine();
}

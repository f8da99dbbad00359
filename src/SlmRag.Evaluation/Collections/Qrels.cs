using System.Globalization;

namespace SlmRag.Evaluation.Collections;

internal enum QrelsColumns
{
    /// <summary>TREC: query, iteration, document, grade.</summary>
    TrecFour,

    /// <summary>SMART (Cranfield): query, document, code, where 1 is the most relevant and 4 the least; -1 not relevant.</summary>
    SmartCodes,

    /// <summary>BEIR tsv: query, document, grade, after a header line.</summary>
    BeirTsv,
}

/// <summary>Judgement files; every layout ends as query → document → grade (grade > 0 relevant).</summary>
internal static class Qrels
{
    public static Dictionary<string, IReadOnlyDictionary<string, int>> Read(string path, QrelsColumns columns)
    {
        var result = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var lines = File.ReadLines(path).Skip(columns == QrelsColumns.BeirTsv ? 1 : 0);
        foreach (var line in lines)
        {
            var parts = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 3)
            {
                continue;
            }

            var (query, document, value) = columns == QrelsColumns.TrecFour && parts.Length >= 4
                ? (parts[0], parts[2], parts[3])
                : (parts[0], parts[1], parts[2]);
            var number = (int)double.Parse(value, CultureInfo.InvariantCulture);
            var grade = columns == QrelsColumns.SmartCodes ? (number is >= 1 and <= 4 ? 5 - number : 0) : number;
            if (!result.TryGetValue(query, out var judged))
            {
                result[query] = judged = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            judged[document] = Math.Max(grade, judged.GetValueOrDefault(document));
        }

        return result.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, int>)p.Value, StringComparer.Ordinal);
    }
}

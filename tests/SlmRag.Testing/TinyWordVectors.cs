using SlmRag.Embeddings.Static;

namespace SlmRag.Testing;

/// <summary>
/// A small word-vector table made for tests: words of one topic share a direction, so the static
/// embedder's behaviour can be checked without the 71 MB real table. Topics: leave, money, office, security.
/// </summary>
public static class TinyWordVectors
{
    public static readonly string[][] Topics =
    [
        ["leave", "vacation", "holiday", "holidays", "days", "annual", "sick", "parental"],
        ["salary", "salaries", "pay", "bonus", "money", "expenses", "invoice", "budget"],
        ["office", "desk", "room", "rooms", "building", "floor", "meeting", "cafeteria"],
        ["password", "passwords", "security", "phishing", "laptop", "encryption", "account", "mfa"],
    ];

    private static readonly string[] Common = ["the", "of", "and", "to", "a", "in", "is", "for", "are", "you", "your", "how", "many", "what", "do", "i", "get"];

    /// <summary>Writes the table (8 dimensions) to <paramref name="path"/> and returns it as loaded from there.</summary>
    public static WordVectorTable Write(string path, int dimensions = 8)
    {
        var random = new Random(42);
        var words = new List<string>();
        var vectors = new List<Half>();
        foreach (var word in Common)
        {
            words.Add(word);
            vectors.AddRange(Enumerable.Range(0, dimensions).Select(d => (Half)(d == dimensions - 1 ? 1.0 : (random.NextDouble() - 0.5) * 0.1)));
        }

        for (var topic = 0; topic < Topics.Length; topic++)
        {
            foreach (var word in Topics[topic])
            {
                words.Add(word);
                vectors.AddRange(Enumerable.Range(0, dimensions).Select(d => (Half)((d == topic ? 1.0 : 0) + ((random.NextDouble() - 0.5) * 0.2))));
            }
        }

        var data = vectors.ToArray();
        var table = new WordVectorTable(words, data, dimensions, WordVectorTable.CommonDirection(data, dimensions, words.Count), "tiny");
        table.Save(path);
        return WordVectorTable.Load(path);
    }
}

using System.Security.Cryptography;
using System.Text;

namespace SlmRag.LlamaCpp.Training;

/// <summary>
/// Splits a chat-format export into train, validation and test files without leaking a question into two of them:
/// conversations are grouped by their normalised question (case, punctuation and spacing ignored), and whole groups
/// are assigned by a seeded hash, so the same question asked twice (escalated twice, with other sources) lands in
/// one set, and adding lines to the export does not move existing questions between sets.
/// </summary>
public static class TrainingSplit
{
    public static (int Train, int Validation, int Test, int Questions) Split(string input, string directory, double validationShare, double testShare, int seed)
    {
        if (validationShare < 0 || testShare < 0 || validationShare + testShare >= 1)
        {
            throw new ArgumentException($"The validation ({validationShare}) and test ({testShare}) shares must be non-negative and leave some training data.");
        }

        var examples = ChatExampleReader.Read(input);
        var lines = File.ReadAllLines(input);
        Directory.CreateDirectory(directory);
        var sets = new[] { new List<string>(), new List<string>(), new List<string>() };
        foreach (var group in examples.GroupBy(e => Key(e.Question)))
        {
            var position = Position(group.Key, seed);
            var set = position < testShare ? 2 : position < testShare + validationShare ? 1 : 0;
            sets[set].AddRange(group.Select(e => lines[e.Line - 1]));
        }

        var names = new[] { "train.jsonl", "validation.jsonl", "test.jsonl" };
        for (var i = 0; i < 3; i++)
        {
            var path = Path.Combine(directory, names[i]);
            File.WriteAllLines(path + ".tmp", sets[i]);
            File.Move(path + ".tmp", path, overwrite: true);
        }

        return (sets[0].Count, sets[1].Count, sets[2].Count, examples.Select(e => Key(e.Question)).Distinct().Count());
    }

    public static string Key(string question)
    {
        var text = new StringBuilder();
        foreach (var c in question.Normalize(NormalizationForm.FormKC).ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                text.Append(c);
            }
            else if (text.Length > 0 && text[^1] != ' ')
            {
                text.Append(' ');
            }
        }

        return text.ToString().Trim();
    }

    /// <summary>A uniform position in [0, 1) from the question and seed: stable across runs and machines.</summary>
    private static double Position(string key, int seed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\n{key}"));
        return BitConverter.ToUInt64(hash, 0) / (double)ulong.MaxValue;
    }
}

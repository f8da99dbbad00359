namespace SlmRag.Evaluation.Answers;

/// <summary>Reads an answer set by its format: a SQuAD 2.0 JSON file or a questions.jsonl file (with its documents folder).</summary>
public static class AnswerSetReader
{
    public static AnswerSet Read(string path, string? documents = null)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Answer set '{path}' does not exist.", path);
        }

        return path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? QuestionFileReader.Read(path, documents) : SquadReader.Read(path);
    }
}

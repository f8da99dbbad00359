namespace SlmRag.Evaluation.Answers;

/// <summary>One judged question of an answer set.</summary>
/// <param name="Answers">Alternatives: an answer is right when it contains any of them (case-insensitive). Empty: not judged on text.</param>
/// <param name="Keywords">All must appear in the answer (case-insensitive), in addition to one of <paramref name="Answers"/> when both are given.</param>
/// <param name="Documents">Keys of the documents that hold the answer; a right answer cites one of them.</param>
/// <param name="Conversation">Questions sharing this id are asked in file order within one conversation.</param>
public sealed record AnswerQuestion(
    string Id,
    string Question,
    bool Answerable,
    IReadOnlyList<string> Answers,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<string> Documents,
    IReadOnlyList<int> Pages,
    string? Conversation = null)
{
    /// <summary>Whether <paramref name="text"/> states the expected answer.</summary>
    public bool IsStatedBy(string text) =>
        (Answers.Count == 0 || Answers.Any(a => text.Contains(a, StringComparison.OrdinalIgnoreCase)))
        && Keywords.All(k => text.Contains(k, StringComparison.OrdinalIgnoreCase));
}

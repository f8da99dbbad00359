namespace SlmRag.Evaluation.Answers;

/// <summary>
/// Documents and judged questions. Documents are either texts (each ingested as a plain-text document
/// under its key) or the files of <see cref="Folder"/> (keyed by their path relative to it).
/// </summary>
public sealed record AnswerSet(string Name, IReadOnlyList<(string Key, string Text)> Texts, string? Folder, IReadOnlyList<AnswerQuestion> Questions);

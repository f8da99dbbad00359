using Microsoft.Extensions.AI;

namespace SlmRag.Evaluation.Answers;

/// <summary>A held-out question: the exact prompt every model gets (retrieved sources included), the reference answer,
/// and the source numbers the prompt offers. <paramref name="Line"/> is its line in the test file.</summary>
public sealed record EvaluationQuestion(int Line, string Question, IReadOnlyList<ChatMessage> Prompt, string Reference, IReadOnlySet<int> SourceNumbers);

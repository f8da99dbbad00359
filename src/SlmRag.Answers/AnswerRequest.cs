using SlmRag.Core.Retrieval;

namespace SlmRag.Answers;

/// <summary>A question to one collection, asked by a caller whose access is <see cref="Filter"/>.</summary>
/// <param name="Caller">Identifies the caller (API key name); conversations belong to it.</param>
public sealed record AnswerRequest(string Collection, string Question, SearchFilter Filter, string Caller, string? ConversationId = null);

using SlmRag.Core.Retrieval;

namespace SlmRag.Answers;

/// <summary>A question to one collection, asked by a caller whose access is <see cref="Filter"/>.</summary>
/// <param name="Caller">Identifies the caller (API key name); conversations belong to it.</param>
/// <param name="History">Earlier turns sent by the client (OpenAI-style messages), used instead of a stored conversation.</param>
public sealed record AnswerRequest(string Collection, string Question, SearchFilter Filter, string Caller, string? ConversationId = null, IReadOnlyList<ConversationTurn>? History = null);

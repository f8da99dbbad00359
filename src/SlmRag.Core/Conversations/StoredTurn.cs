namespace SlmRag.Core.Conversations;

/// <summary>One question of a conversation, the query it was searched as, the answer given, and when.</summary>
public sealed record StoredTurn(string Question, string SearchQuery, string Answer, DateTimeOffset At);

namespace SlmRag.Answers;

/// <summary>One question of a conversation, the query it was searched as, and the answer given.</summary>
public sealed record ConversationTurn(string Question, string SearchQuery, string Answer);

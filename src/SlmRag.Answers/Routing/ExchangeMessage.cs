namespace SlmRag.Answers.Routing;

/// <summary>A chat message of an escalated exchange.</summary>
public sealed record ExchangeMessage(string Role, string Content);

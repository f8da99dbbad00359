namespace SlmRag.LlamaCpp.Training;

/// <summary>One message of a training conversation; <paramref name="Train"/> says whether the loss covers it.</summary>
public sealed record ChatTurn(string Role, string Content, bool Train);

namespace SlmRag.Answers.Routing;

/// <summary>An escalated exchange: what the frontier was given and what it answered (chat format for fine-tuning).</summary>
public sealed record EscalationRecord(DateTimeOffset At, string Collection, string Question, IReadOnlyList<ExchangeMessage> Messages, string Answer, IReadOnlyList<Citation> Citations);

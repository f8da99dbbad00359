namespace SlmRag.Answers.Routing;

/// <summary>One answered question's route, for statistics.</summary>
public sealed record RouteRecord(DateTimeOffset At, string Collection, string Caller, RouteTarget Target, string Reason, bool FellBack, int InputTokens, int OutputTokens, double CostEstimate, double Milliseconds);

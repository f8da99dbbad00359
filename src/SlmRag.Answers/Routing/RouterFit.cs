namespace SlmRag.Answers.Routing;

/// <summary>Fitted router settings, ready for the <c>Router</c> section.</summary>
public sealed record RouterFit(Dictionary<string, double> Weights, double Bias, double Threshold);

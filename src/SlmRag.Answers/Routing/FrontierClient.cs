using Microsoft.Extensions.AI;

namespace SlmRag.Answers.Routing;

/// <summary>The frontier model, when one is configured (<c>Frontier:Endpoint</c>), with its budget limits and prices.</summary>
public sealed record FrontierClient(IChatClient? Client, int ContextTokens, int MaxOutputTokens, double InputPricePerMillion, double OutputPricePerMillion)
{
    public static FrontierClient None { get; } = new(null, 0, 0, 0, 0);

    public double Cost(int input, int output) => (input * InputPricePerMillion + output * OutputPricePerMillion) / 1_000_000;
}

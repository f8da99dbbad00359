using Microsoft.Extensions.AI;
using SlmRag.Core.Chunking;

namespace SlmRag.Answers.Routing;

/// <summary>The frontier model, when one is configured (<c>Frontier:Endpoint</c>), with its window, budget limits and prices.</summary>
/// <param name="ContextTokens">Source tokens an escalated question may use (long-context mode).</param>
public sealed record FrontierClient(IChatClient? Client, int ContextTokens, int MaxOutputTokens, double InputPricePerMillion, double OutputPricePerMillion)
{
    public static FrontierClient None { get; } = new(null, 0, 0, 0, 0);

    /// <summary>The frontier's own tokenizer when it is known exactly (OpenAI models); null counts with the local counter.</summary>
    public ITokenCounter? Counter { get; init; }

    public double Cost(int input, int output) => (input * InputPricePerMillion + output * OutputPricePerMillion) / 1_000_000;
}

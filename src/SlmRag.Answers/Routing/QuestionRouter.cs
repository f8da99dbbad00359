using Microsoft.Extensions.Options;

namespace SlmRag.Answers.Routing;

/// <summary>
/// Decides local or frontier: policies first (no frontier configured, local-only collection, exhausted
/// budget keep a question local), then the calibrated logistic model; the reason is the feature that
/// pushed the score most.
/// </summary>
public sealed class QuestionRouter(IOptionsMonitor<RouterOptions> options, FrontierBudget budget)
{
    /// <summary>Hand-set starting weights, used until <c>slmrag router calibrate</c> writes fitted ones.</summary>
    public static readonly IReadOnlyDictionary<string, double> DefaultWeights = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["context"] = 2.0, ["documents"] = 2.0, ["comparison"] = 3.0, ["aggregation"] = 3.0, ["multistep"] = 2.0, ["margin"] = -1.0, ["evidence"] = -0.5,
    };

    public RouteDecision Decide(RouteFeatures features, bool frontierAvailable, bool localOnly, string caller)
    {
        var (probability, strongest) = Score(features, options.CurrentValue);
        if (!frontierAvailable)
        {
            return new RouteDecision(RouteTarget.Local, "no-frontier", probability, features);
        }

        if (probability < options.CurrentValue.Threshold)
        {
            return new RouteDecision(RouteTarget.Local, "routine", probability, features);
        }

        if (localOnly)
        {
            return new RouteDecision(RouteTarget.Local, "local-only-collection", probability, features);
        }

        if (!budget.HasRoom(caller))
        {
            return new RouteDecision(RouteTarget.Local, "budget-exhausted", probability, features);
        }

        return new RouteDecision(RouteTarget.Frontier, strongest, probability, features);
    }

    /// <summary>The route features of a prompt without a retrieval (an application's own prompt): its size and form.</summary>
    public RouteFeatures PromptFeatures(IReadOnlyList<Microsoft.Extensions.AI.ChatMessage> messages, SlmRag.Core.Chunking.ITokenCounter counter, int localWindowTokens) =>
        RouteFeatureExtractor.FromPrompt(messages, counter, localWindowTokens);

    public static (double Probability, string Strongest) Score(RouteFeatures features, RouterOptions settings)
    {
        var weights = settings.Weights.Count > 0 ? settings.Weights : DefaultWeights;
        var z = settings.Bias;
        var strongest = "routine";
        var largest = 0.0;
        foreach (var (name, value) in features.Vector)
        {
            var contribution = weights.GetValueOrDefault(name) * value;
            z += contribution;
            if (contribution > largest)
            {
                (largest, strongest) = (contribution, name switch
                {
                    "context" => "long-context",
                    "documents" => "multi-document",
                    "multistep" => "multi-step",
                    _ => name,
                });
            }
        }

        return (1 / (1 + Math.Exp(-z)), strongest);
    }
}

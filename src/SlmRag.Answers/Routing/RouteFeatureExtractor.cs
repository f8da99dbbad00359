using System.Text.RegularExpressions;
using SlmRag.Core.Chunking;

namespace SlmRag.Answers.Routing;

/// <summary>Computes <see cref="RouteFeatures"/> from the question's form and its ranked candidates.</summary>
internal static partial class RouteFeatureExtractor
{
    public static RouteFeatures Extract(string question, IReadOnlyList<(Chunk Chunk, double Score)> ranked, ITokenCounter counter, int localWindow, double evidence)
    {
        var best = ranked.Count > 0 ? ranked[0].Score : 0;
        var strong = ranked.Take(10).Where(r => best > 0 && r.Score >= 0.6 * best).ToList();
        var tokens = strong.Sum(r => counter.CountTokens(r.Chunk.Text));
        var margin = ranked.Count switch
        {
            0 => 0,
            1 => 1,
            _ => best > 0 ? Math.Clamp((best - ranked[1].Score) / best, 0, 1) : 0,
        };
        return new RouteFeatures(tokens, localWindow,
            strong.Select(r => r.Chunk.DocumentId).Distinct(StringComparer.Ordinal).Count(),
            Comparison().IsMatch(question), Aggregation().IsMatch(question), MultiStep().IsMatch(question), margin, evidence);
    }

    /// <summary>
    /// The features of a prompt without a retrieval (an application's own prompt, e.g. through Semantic Kernel): its
    /// length against the local window, and the last user message's form. With no ranking to judge, the prompt counts
    /// as one document that stands alone and fully supports itself, so only size and form can escalate it.
    /// </summary>
    public static RouteFeatures FromPrompt(IReadOnlyList<Microsoft.Extensions.AI.ChatMessage> messages, ITokenCounter counter, int localWindow)
    {
        var question = messages.LastOrDefault(m => m.Role == Microsoft.Extensions.AI.ChatRole.User)?.Text ?? string.Empty;
        var tokens = messages.Sum(m => counter.CountTokens(m.Text));
        return new RouteFeatures(tokens, localWindow, 1, Comparison().IsMatch(question), Aggregation().IsMatch(question), MultiStep().IsMatch(question), 1, 1);
    }

    [GeneratedRegex(@"\b(compare|comparison|differ|difference|differences|versus|vs\.?|contrast|more than .* or|better|between .+ and|both .+ and)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Comparison();

    [GeneratedRegex(@"\b(summari[sz]e|summary|overview|all (the )?(policies|documents|rules|deadlines|limits|allowances)|every|list (all|every|the)|across|in total|altogether|whole)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Aggregation();

    [GeneratedRegex(@"\b(and then|after that|step by step|if .+ (would|will|what)|which .+ then|calculate|how much .+ in total|combined)\b", RegexOptions.IgnoreCase)]
    private static partial Regex MultiStep();
}

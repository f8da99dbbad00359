using System.Globalization;
using Microsoft.Extensions.AI;

namespace SlmRag.LlamaCpp.Chat;

/// <summary>
/// <see cref="ChatOptions"/> as llama.cpp sampler settings. Beyond the standard properties, AdditionalProperties
/// may carry <c>min_p</c>, <c>repeat_penalty</c>, <c>repeat_last_n</c>, <c>grammar</c> (GBNF text, root rule "root")
/// and <c>logprobs</c> (true: report the mean token log-probability as <c>mean_token_logprob</c>).
/// </summary>
internal sealed record SamplingSettings(
    float Temperature, float TopP, int TopK, float MinP, float RepeatPenalty, int RepeatLastN, float FrequencyPenalty, float PresencePenalty,
    uint Seed, int MaxOutputTokens, IReadOnlyList<string> StopSequences, string? Grammar, bool LogProbabilities)
{
    public static SamplingSettings From(ChatOptions? options, int defaultMaxOutputTokens)
    {
        var extra = options?.AdditionalProperties;
        var grammar = Read<string>(extra, "grammar");
        if (grammar is null && options?.ResponseFormat is ChatResponseFormatJson)
        {
            grammar = JsonGrammar.Object;
        }

        var settings = new SamplingSettings(
            Temperature: options?.Temperature ?? 0.2f,
            TopP: options?.TopP ?? 0.95f,
            TopK: options?.TopK ?? 40,
            MinP: Read<float?>(extra, "min_p") ?? 0.05f,
            RepeatPenalty: Read<float?>(extra, "repeat_penalty") ?? 1.1f,
            RepeatLastN: Read<int?>(extra, "repeat_last_n") ?? 64,
            FrequencyPenalty: options?.FrequencyPenalty ?? 0f,
            PresencePenalty: options?.PresencePenalty ?? 0f,
            Seed: options?.Seed is { } seed ? unchecked((uint)seed) : (uint)Random.Shared.Next(),
            MaxOutputTokens: options?.MaxOutputTokens ?? defaultMaxOutputTokens,
            StopSequences: options?.StopSequences?.Where(s => s.Length > 0).ToList() ?? [],
            Grammar: grammar,
            LogProbabilities: Read<bool?>(extra, "logprobs") ?? false);
        settings.Validate();
        return settings;
    }

    private void Validate()
    {
        Check(float.IsFinite(Temperature) && Temperature >= 0, "Temperature must be 0 or more.");
        Check(TopP is > 0 and <= 1, "TopP must be in (0, 1].");
        Check(TopK >= 0, "TopK must be 0 (off) or more.");
        Check(MinP is >= 0 and < 1, "min_p must be in [0, 1).");
        Check(RepeatPenalty > 0 && float.IsFinite(RepeatPenalty), "repeat_penalty must be positive.");
        Check(RepeatLastN >= 0, "repeat_last_n must be 0 or more.");
        Check(float.IsFinite(FrequencyPenalty) && float.IsFinite(PresencePenalty), "Penalties must be finite.");
        Check(MaxOutputTokens >= 1, "MaxOutputTokens must be at least 1.");
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }

    private static T? Read<T>(AdditionalPropertiesDictionary? extra, string key)
    {
        if (extra is null || !extra.TryGetValue(key, out var value) || value is null)
        {
            return default;
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return value switch
        {
            T typed => typed,
            System.Text.Json.JsonElement json when target == typeof(string) => (T)(object)json.GetString()!,
            System.Text.Json.JsonElement json => (T)Convert.ChangeType(json.GetDouble(), target, CultureInfo.InvariantCulture),
            IConvertible convertible => (T)convertible.ToType(target, CultureInfo.InvariantCulture),
            _ => throw new ArgumentException($"ChatOptions.AdditionalProperties['{key}'] must be a {target.Name}."),
        };
    }
}

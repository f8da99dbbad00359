namespace SlmRag.Api.Apis;

/// <summary>Endpoint metadata: this endpoint speaks OpenAI's API, so every error it returns takes <see cref="OpenAIErrors"/>' shape.</summary>
internal sealed class OpenAICompatibleMetadata
{
    public static OpenAICompatibleMetadata Instance { get; } = new();
}

namespace SlmRag.Frontier;

/// <summary><c>Frontier</c>: the OpenAI-compatible endpoint hard questions may escalate to (OpenAI, Azure OpenAI v1, vLLM, Ollama, LM Studio).</summary>
public sealed class FrontierOptions
{
    public const string SectionName = "Frontier";

    /// <summary>Empty: no frontier; every question is answered locally.</summary>
    public string Endpoint { get; set; } = string.Empty;

    /// <summary>From the environment (Frontier__ApiKey), never from the repository.</summary>
    public string? ApiKey { get; set; }

    public string Model { get; set; } = string.Empty;

    /// <summary>Whole-request deadline; on expiry the answer falls back to the local model.</summary>
    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>Retries of transient failures (429, 5xx, connection errors) before falling back.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Source tokens an escalated question may use (long-context mode).</summary>
    public int ContextTokens { get; set; } = 12000;

    public int MaxOutputTokens { get; set; } = 800;

    /// <summary>Prices per million tokens, for the cost estimates in router statistics.</summary>
    public double InputPricePerMillion { get; set; } = 2.5;

    public double OutputPricePerMillion { get; set; } = 10;

    public bool Enabled => Endpoint.Length > 0 && Model.Length > 0;
}

namespace SlmRag.LlamaCpp;

/// <summary>Every context of the local model stayed busy for the whole queue timeout; the caller should retry later (HTTP 503 with Retry-After).</summary>
public sealed class LlamaBusyException(int contexts, TimeSpan waited)
    : LlamaException($"The local model is busy: all {contexts} of its contexts stayed in use for {waited.TotalSeconds:0.#} s. Retry later, or raise LlamaCpp:Chat:MaxConcurrentRequests.")
{
    /// <summary>A hint for Retry-After.</summary>
    public TimeSpan RetryAfter { get; } = waited < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : waited;
}

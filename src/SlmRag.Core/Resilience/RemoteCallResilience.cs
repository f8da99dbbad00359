using Polly;
using Polly.Retry;

namespace SlmRag.Core.Resilience;

/// <summary>
/// The one retry policy of SlmRag's remote calls (the frontier model, Qdrant): exponential backoff with jitter
/// from 200 ms, for connection errors and whatever the caller's <c>isTransient</c> says (429, 5xx, timeouts);
/// never for cancellation by the caller. Pipelines are thread-safe and meant to be shared.
/// </summary>
public static class RemoteCallResilience
{
    public static ResiliencePipeline Create(int maxRetries, Func<Exception, bool> isTransient, TimeProvider? time = null)
    {
        if (maxRetries <= 0)
        {
            return ResiliencePipeline.Empty;
        }

        var builder = new ResiliencePipelineBuilder { TimeProvider = time ?? TimeProvider.System };
        return builder.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = maxRetries,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<Exception>(isTransient),
        }).Build();
    }
}

using System.ClientModel;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using Polly;
using Polly.Retry;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiChatRole = Microsoft.Extensions.AI.ChatRole;
using AiFinishReason = Microsoft.Extensions.AI.ChatFinishReason;

namespace SlmRag.Frontier;

/// <summary>
/// <see cref="IChatClient"/> over any OpenAI-compatible chat endpoint through the official OpenAI library.
/// Transient failures (429, 5xx, connection errors) are retried with backoff by a Polly pipeline before
/// the first streamed token; a whole-request deadline bounds a slow server. Streaming passes through.
/// </summary>
public sealed class FrontierChatClient : IChatClient
{
    private readonly ChatClient _client;
    private readonly FrontierOptions _options;
    private readonly ResiliencePipeline _retry;
    private readonly ChatClientMetadata _metadata;

    public FrontierChatClient(FrontierOptions options)
    {
        _options = options;
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = new Uri(options.Endpoint),
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            // Polly does the retrying, with the transient rules below; the library's own retries would multiply them.
            RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0),
        };
        _client = new ChatClient(options.Model, new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "none" : options.ApiKey), clientOptions);
        _retry = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
            ShouldHandle = new PredicateBuilder().Handle<ClientResultException>(e => e.Status is 0 or 408 or 429 or >= 500).Handle<HttpRequestException>(),
        }).Build();
        if (options.MaxRetries <= 0)
        {
            _retry = ResiliencePipeline.Empty;
        }

        _metadata = new ChatClientMetadata("openai-compatible", new Uri(options.Endpoint), options.Model);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AiChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<AiChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        var request = messages.Select(ToOpenAI).ToList();
        var completionOptions = new ChatCompletionOptions
        {
            Temperature = options?.Temperature,
            MaxOutputTokenCount = options?.MaxOutputTokens ?? _options.MaxOutputTokens,
        };

        // Retry only until the stream has started: a half-streamed answer cannot be taken back.
        var (enumerator, first) = await _retry.ExecuteAsync(async token =>
        {
            var stream = _client.CompleteChatStreamingAsync(request, completionOptions, token).GetAsyncEnumerator(token);
            var any = await stream.MoveNextAsync().ConfigureAwait(false);
            return (stream, any);
        }, deadline.Token).ConfigureAwait(false);

        await using (enumerator)
        {
            var more = first;
            while (more)
            {
                var update = enumerator.Current;
                var text = string.Concat(update.ContentUpdate.Select(p => p.Text));
                var converted = new ChatResponseUpdate(AiChatRole.Assistant, text) { ModelId = update.Model ?? _options.Model, ResponseId = update.CompletionId };
                if (update.FinishReason is { } finish)
                {
                    converted.FinishReason = finish == OpenAI.Chat.ChatFinishReason.Length ? AiFinishReason.Length : AiFinishReason.Stop;
                }

                if (update.Usage is { } usage)
                {
                    converted.Contents.Add(new UsageContent(new UsageDetails
                    {
                        InputTokenCount = usage.InputTokenCount,
                        OutputTokenCount = usage.OutputTokenCount,
                        TotalTokenCount = usage.TotalTokenCount,
                    }));
                }

                yield return converted;
                more = await enumerator.MoveNextAsync().ConfigureAwait(false);
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    private static OpenAI.Chat.ChatMessage ToOpenAI(AiChatMessage message) =>
        message.Role == AiChatRole.System ? new SystemChatMessage(message.Text)
        : message.Role == AiChatRole.Assistant ? new AssistantChatMessage(message.Text)
        : new UserChatMessage(message.Text);
}

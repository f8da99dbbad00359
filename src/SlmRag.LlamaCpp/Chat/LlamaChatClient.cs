using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using SlmRag.Core.Chunking;
using SlmRag.Core.Prompts;
using SlmRag.LlamaCpp.Native;

namespace SlmRag.LlamaCpp.Chat;

/// <summary>
/// <see cref="IChatClient"/> over a GGUF model run in-process by llama.cpp. Each request borrows one context
/// from a pool (sized by <see cref="LlamaChatOptions.MaxConcurrentRequests"/>); generation runs on its own
/// thread and streams through a channel, so no request thread blocks on native code.
/// </summary>
public sealed class LlamaChatClient : IChatClient, IPromptTokenCounter
{
    private readonly LlamaModel _model;
    private readonly bool _ownsModel;
    private readonly LlamaChatOptions _options;
    private readonly ChatPromptFormatter _formatter;
    private readonly LlamaContextPool _pool;
    private readonly IReadOnlyList<LlamaLoraAdapter> _adapters;
    private readonly ChatClientMetadata _metadata;
    private bool _holdsModel;

    public LlamaChatClient(LlamaModel model, LlamaChatOptions options, bool ownsModel = false)
    {
        _model = model;
        _ownsModel = ownsModel;
        _options = options;
        _formatter = new ChatPromptFormatter(model, options.ChatTemplate);
        ContextSize = options.ContextSize > 0 ? options.ContextSize : model.TrainedContextLength;
        ModelId = string.IsNullOrWhiteSpace(options.ModelId) ? Path.GetFileNameWithoutExtension(model.Path) : options.ModelId;
        _adapters = options.Adapters.Select(a => model.LoadAdapter(a.Path, a.Scale)).ToList();
        _pool = new LlamaContextPool(options.MaxConcurrentRequests, TimeSpan.FromSeconds(options.QueueTimeoutSeconds), CreateContext);
        _metadata = new ChatClientMetadata("llama.cpp", new Uri("file://" + model.Path), ModelId);
        // Contexts are created on demand; the model must outlive this client even if its owner disposes it first.
        model.Handle.DangerousAddRef(ref _holdsModel);
    }

    /// <summary>Loads the configured model (and adapters) and owns it.</summary>
    public static LlamaChatClient Load(LlamaChatOptions options, string? nativeLibraryPath = null) =>
        LlamaModel.LoadOwned(options.ModelPath, nativeLibraryPath, model => new LlamaChatClient(model, options, ownsModel: true), options.GpuLayers);

    public string ModelId { get; }

    /// <summary>The window of each request's context: the configured size, or the model's trained length when 0 was configured.</summary>
    public int ContextSize { get; }

    int IPromptTokenCounter.ContextWindow => ContextSize;

    public LlamaTokenizer Tokenizer => _model.Tokenizer;

    /// <summary>"llama.cpp:model" when llama.cpp renders the model's own template, else "slmrag:&lt;family&gt;".</summary>
    public string TemplateName => _formatter.TemplateName;

    /// <summary>The prompt tokens a conversation takes, template included: what prompt budgets must fit under <see cref="ContextSize"/>.</summary>
    public int CountPromptTokens(IEnumerable<ChatMessage> messages) => _formatter.Format(ToTemplateMessages(messages)).Length;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (options?.Tools is { Count: > 0 })
        {
            throw new NotSupportedException("The local llama.cpp chat client does not call tools.");
        }

        var settings = SamplingSettings.From(options, _options.DefaultMaxOutputTokens);
        var prompt = _formatter.Format(ToTemplateMessages(messages));
        if (prompt.Length >= ContextSize)
        {
            throw new LlamaContextOverflowException(prompt.Length + 1, ContextSize);
        }

        var responseId = Guid.NewGuid().ToString("N");
        var created = DateTimeOffset.UtcNow;
        var lease = await _pool.RentAsync(cancellationToken).ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var generation = Task.Factory.StartNew(() =>
        {
            try
            {
                lease.Context.SetAdapters(_adapters);
                return TokenGenerator.Run(lease.Context, prompt, settings, text => channel.Writer.TryWrite(text), stop.Token);
            }
            finally
            {
                channel.Writer.TryComplete();
            }
        }, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        try
        {
            await foreach (var text in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                // The reader checks the token only when it must wait: tokens already buffered (a small model writes
                // hundreds ahead of a slow consumer) would still be delivered after the caller cancelled.
                cancellationToken.ThrowIfCancellationRequested();
                yield return new ChatResponseUpdate(ChatRole.Assistant, text) { ResponseId = responseId, ModelId = ModelId, CreatedAt = created };
            }

            var result = await generation.ConfigureAwait(false);
            yield return FinalUpdate(result, responseId, created);
        }
        finally
        {
            // The context goes back to the pool only after the native loop has left it.
            await stop.CancelAsync().ConfigureAwait(false);
            await generation.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            lease.Dispose();
        }
    }

    /// <summary>Generates from prompt token ids on a pooled context, on the calling thread: the benchmark's view of the decode path.</summary>
    internal async Task<GenerationResult> GenerateTokensAsync(int[] prompt, ChatOptions options, Action<string> onText, CancellationToken cancellationToken)
    {
        var settings = SamplingSettings.From(options, _options.DefaultMaxOutputTokens);
        using var lease = await _pool.RentAsync(cancellationToken).ConfigureAwait(false);
        lease.Context.SetAdapters(_adapters);
        return TokenGenerator.Run(lease.Context, prompt, settings, onText, cancellationToken);
    }

    /// <summary>Evaluates prompt token ids only (no sampling) on a pooled context; returns the time taken.</summary>
    internal async Task<TimeSpan> EvaluatePromptAsync(int[] prompt, CancellationToken cancellationToken)
    {
        using var lease = await _pool.RentAsync(cancellationToken).ConfigureAwait(false);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        lease.Context.Clear();
        lease.Context.Decode(prompt, 0, cancellationToken);
        return clock.Elapsed;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? _metadata
        : serviceType == typeof(LlamaModel) ? _model
        : serviceType == typeof(ITokenCounter) || serviceType == typeof(LlamaTokenizer) ? _model.Tokenizer
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        _pool.Dispose();
        foreach (var adapter in _adapters)
        {
            adapter.Dispose();
        }

        if (_holdsModel)
        {
            _holdsModel = false;
            _model.Handle.DangerousRelease();
        }

        if (_ownsModel)
        {
            _model.Dispose();
        }
    }

    private ChatResponseUpdate FinalUpdate(GenerationResult result, string responseId, DateTimeOffset created) => new()
    {
        Role = ChatRole.Assistant,
        ResponseId = responseId,
        ModelId = ModelId,
        CreatedAt = created,
        FinishReason = result.Finish == GenerationFinish.Stop ? ChatFinishReason.Stop : ChatFinishReason.Length,
        Contents =
        [
            new UsageContent(new UsageDetails
            {
                InputTokenCount = result.InputTokens,
                OutputTokenCount = result.OutputTokens,
                TotalTokenCount = result.InputTokens + result.OutputTokens,
            }),
        ],
        AdditionalProperties = Properties(result),
    };

    private AdditionalPropertiesDictionary Properties(GenerationResult result)
    {
        var properties = new AdditionalPropertiesDictionary
        {
            ["prompt_ms"] = result.PromptTime.TotalMilliseconds,
            ["generation_ms"] = result.GenerationTime.TotalMilliseconds,
            ["template"] = _formatter.TemplateName,
        };
        if (result.MeanLogProbability is { } logprob)
        {
            properties["mean_token_logprob"] = logprob;
        }

        return properties;
    }

    private static List<(string Role, string Content)> ToTemplateMessages(IEnumerable<ChatMessage> messages)
    {
        var list = messages.Select(m => (ChatTemplateRenderer.RoleName(m.Role), m.Text ?? string.Empty)).ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("A chat request needs at least one message.", nameof(messages));
        }

        return list;
    }

    private LlamaContext CreateContext()
    {
        var parameters = LlamaNative.llama_context_default_params();
        parameters.ContextSize = (uint)ContextSize;
        parameters.BatchSize = (uint)Math.Min(_options.BatchSize, ContextSize);
        parameters.MicroBatchSize = parameters.BatchSize;
        parameters.MaxSequences = 1;
        parameters.Threads = _options.Threads;
        parameters.BatchThreads = _options.Threads;
        parameters.NoPerf = 1;
        parameters.FlashAttentionType = (int)_options.FlashAttention;
        return LlamaContext.Create(_model, parameters);
    }
}

using SlmRag.LlamaCpp.Native;

namespace SlmRag.LlamaCpp;

/// <summary>
/// One llama.cpp context (its own KV cache) and a reusable batch. Not thread-safe: a
/// <see cref="LlamaContextPool"/> hands each one to a single caller at a time. Every decode is checked
/// against n_ctx, n_batch and the vocabulary first, because llama.cpp asserts (and aborts) on such input.
/// </summary>
internal sealed unsafe class LlamaContext : IDisposable
{
    private readonly SafeLlamaContextHandle _handle;
    private readonly TokenBatch _batch;
    private readonly LlamaModel _model;
    private IReadOnlyList<LlamaLoraAdapter> _adapters = [];

    private LlamaContext(LlamaModel model, SafeLlamaContextHandle handle)
    {
        _model = model;
        _handle = handle;
        ContextSize = (int)LlamaNative.llama_n_ctx(handle);
        BatchSize = (int)LlamaNative.llama_n_batch(handle);
        MaxSequences = (int)LlamaNative.llama_n_seq_max(handle);
        Pooling = LlamaNative.llama_pooling_type(handle);
        _batch = new TokenBatch(BatchSize);
    }

    public int ContextSize { get; }

    public int BatchSize { get; }

    public int MaxSequences { get; }

    public LlamaPoolingType Pooling { get; }

    public LlamaModel Model => _model;

    internal SafeLlamaContextHandle Handle => _handle;

    public static LlamaContext Create(LlamaModel model, LlamaContextParams parameters)
    {
        NativeLog.ClearLastError();
        var handle = SafeLlamaContextHandle.Create(model.Handle, parameters);
        if (handle.IsInvalid)
        {
            var reason = NativeLog.TakeLastError();
            handle.Dispose();
            throw new LlamaException($"llama.cpp could not create a context (n_ctx {parameters.ContextSize}, n_batch {parameters.BatchSize}) for {model.Path}: {reason ?? "no reason given"}");
        }

        return new LlamaContext(model, handle);
    }

    /// <summary>Forgets every token of every sequence. Only the cell metadata is reset: zeroing the KV buffers
    /// (data = true) costs milliseconds per request and changes nothing, since freed cells are never read.</summary>
    public void Clear() => LlamaNative.llama_memory_clear(LlamaNative.llama_get_memory(_handle), false);

    /// <summary>Applies exactly these adapters (none clears them); llama.cpp skips the work when unchanged.</summary>
    public void SetAdapters(IReadOnlyList<LlamaLoraAdapter> adapters)
    {
        if (ReferenceEquals(adapters, _adapters))
        {
            return;
        }

        var pointers = new IntPtr[adapters.Count];
        var scales = new float[adapters.Count];
        var added = new bool[adapters.Count];
        try
        {
            for (var i = 0; i < adapters.Count; i++)
            {
                adapters[i].Handle.DangerousAddRef(ref added[i]);
                pointers[i] = adapters[i].Handle.DangerousGetHandle();
                scales[i] = adapters[i].Scale;
            }

            fixed (IntPtr* p = pointers)
            fixed (float* s = scales)
            {
                var result = LlamaNative.llama_set_adapters_lora(_handle, adapters.Count == 0 ? null : p, (nuint)adapters.Count, adapters.Count == 0 ? null : s);
                if (result != 0)
                {
                    throw new LlamaException($"llama.cpp refused the LoRA adapters (code {result}).");
                }
            }

            _adapters = adapters;
        }
        finally
        {
            for (var i = 0; i < adapters.Count; i++)
            {
                if (added[i])
                {
                    adapters[i].Handle.DangerousRelease();
                }
            }
        }
    }

    /// <summary>
    /// Feeds <paramref name="tokens"/> of sequence 0 at positions <paramref name="start"/>.., in n_batch pieces,
    /// asking for logits of the last one. Cancellation is honoured between pieces.
    /// </summary>
    public void Decode(ReadOnlySpan<int> tokens, int start, CancellationToken cancellationToken)
    {
        if (tokens.IsEmpty)
        {
            throw new ArgumentException("Nothing to decode.", nameof(tokens));
        }

        if (start < 0 || start + tokens.Length > ContextSize)
        {
            throw new LlamaContextOverflowException(start + tokens.Length, ContextSize);
        }

        foreach (var token in tokens)
        {
            _model.Tokenizer.CheckToken(token);
        }

        for (var offset = 0; offset < tokens.Length; offset += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(BatchSize, tokens.Length - offset);
            _batch.Clear();
            for (var i = 0; i < count; i++)
            {
                _batch.Add(tokens[offset + i], start + offset + i, 0, output: offset + i == tokens.Length - 1);
            }

            Run(decode: true);
        }
    }

    /// <summary>The batch, for callers that fill several sequences at once (embeddings).</summary>
    public TokenBatch Batch => _batch;

    /// <summary>Runs the filled batch through llama_decode, or llama_encode for encoder-only models.</summary>
    public void Run(bool decode)
    {
        if (_batch.Count == 0 || _batch.Count > BatchSize)
        {
            throw new InvalidOperationException($"A batch must hold 1-{BatchSize} tokens; it holds {_batch.Count}.");
        }

        NativeLog.ClearLastError();
        var result = decode ? LlamaNative.llama_decode(_handle, _batch.ToNative()) : LlamaNative.llama_encode(_handle, _batch.ToNative());
        if (result != 0)
        {
            var reason = NativeLog.TakeLastError();
            throw result == 1
                ? new LlamaContextOverflowException(ContextSize, ContextSize)
                : new LlamaException($"llama_{(decode ? "decode" : "encode")} failed with code {result}: {reason ?? "no reason given"}");
        }
    }

    /// <summary>The logits of the last output token, one per vocabulary entry.</summary>
    public ReadOnlySpan<float> LastLogits()
    {
        var logits = LlamaNative.llama_get_logits_ith(_handle, -1);
        if (logits is null)
        {
            throw new LlamaException("llama.cpp returned no logits for the last token.");
        }

        return new ReadOnlySpan<float>(logits, _model.Tokenizer.VocabularySize);
    }

    public void Dispose()
    {
        _batch.Dispose();
        _handle.Dispose();
    }
}

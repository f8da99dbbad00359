using System.Numerics.Tensors;
using System.Security.Cryptography;
using Microsoft.Extensions.AI;
using SlmRag.Core.Collections;
using SlmRag.LlamaCpp.Native;

namespace SlmRag.LlamaCpp.Embeddings;

/// <summary>
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over a GGUF embedding model (BERT-family encoders or
/// causal models) run by llama.cpp. Texts are packed several to a batch as separate sequences in a unified
/// KV cache (llama.cpp pools sequences of different lengths wrongly without it), pooled, and scaled to unit length.
/// </summary>
public sealed class LlamaEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly LlamaModel _model;
    private readonly bool _ownsModel;
    private readonly LlamaEmbeddingOptions _options;
    private readonly LlamaContextPool _pool;
    private readonly EmbeddingModelFingerprint _fingerprint;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private readonly bool _encodeOnly;
    private bool _holdsModel;

    public LlamaEmbeddingGenerator(LlamaModel model, LlamaEmbeddingOptions options, bool ownsModel = false)
    {
        _model = model;
        _ownsModel = ownsModel;
        _options = options;
        ContextSize = options.ContextSize > 0 ? options.ContextSize : Math.Min(model.TrainedContextLength, 8192);
        Dimensions = model.EmbeddingSize;
        _encodeOnly = model.HasEncoder && !model.HasDecoder;
        _pool = new LlamaContextPool(options.MaxConcurrentRequests, TimeSpan.FromSeconds(options.QueueTimeoutSeconds), CreateContext);
        _fingerprint = new EmbeddingModelFingerprint($"llama:{Path.GetFileNameWithoutExtension(model.Path)}", Dimensions, HashModel(model.Path, options.Pooling));
        _metadata = new EmbeddingGeneratorMetadata("llama.cpp", new Uri("file://" + model.Path), _fingerprint.Name, Dimensions);

        // Fail at start, not at the first document, when the model cannot pool.
        LlamaPoolingType pooling;
        using (var probe = _pool.RentAsync(CancellationToken.None).GetAwaiter().GetResult())
        {
            pooling = probe.Context.Pooling;
        }

        if (pooling is LlamaPoolingType.None or LlamaPoolingType.Unspecified or LlamaPoolingType.Rank)
        {
            _pool.Dispose();
            throw new LlamaException($"{model.Path} does not say how to pool token vectors ({pooling}); set LlamaCpp:Embeddings:Pooling to Mean, Cls or Last.");
        }

        // Contexts are created on demand; the model must outlive this generator even if its owner disposes it first.
        model.Handle.DangerousAddRef(ref _holdsModel);
    }

    public static LlamaEmbeddingGenerator Load(LlamaEmbeddingOptions options, string? nativeLibraryPath = null) =>
        LlamaModel.LoadOwned(options.ModelPath, nativeLibraryPath, model => new LlamaEmbeddingGenerator(model, options, ownsModel: true));

    public int Dimensions { get; }

    public int ContextSize { get; }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        // Tokenize before taking a context: it needs none, and a bad input fails before any waiting.
        var inputs = texts.Select(Tokenize).ToList();
        using var lease = await _pool.RentAsync(cancellationToken).ConfigureAwait(false);
        var vectors = await Task.Factory.StartNew(() => Embed(lease.Context, inputs, cancellationToken), cancellationToken,
            TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = _fingerprint.Name }));
        result.Usage = new UsageDetails { InputTokenCount = inputs.Sum(i => i.Length), TotalTokenCount = inputs.Sum(i => i.Length) };
        return result;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingModelFingerprint) ? _fingerprint
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType == typeof(LlamaModel) ? _model
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        _pool.Dispose();
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

    private int[] Tokenize(string text)
    {
        var tokens = _model.Tokenizer.TokenizeIds(text, addSpecial: true, parseSpecial: false);
        // Empty text still needs one token to pool; BOS/CLS where the model has one.
        if (tokens.Length == 0)
        {
            tokens = [_model.Tokenizer.BeginningOfSequence.Id >= 0 ? _model.Tokenizer.BeginningOfSequence.Id : _model.Tokenizer.EndOfSequence.Id];
        }

        return tokens.Length <= ContextSize ? tokens : tokens[..ContextSize];
    }

    private List<float[]> Embed(LlamaContext context, List<int[]> inputs, CancellationToken cancellationToken)
    {
        var vectors = new List<float[]>(inputs.Count);
        var next = 0;
        while (next < inputs.Count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            context.Clear();
            context.Batch.Clear();
            var first = next;
            var used = 0;
            while (next < inputs.Count && next - first < context.MaxSequences && used + inputs[next].Length <= context.BatchSize)
            {
                var tokens = inputs[next];
                for (var i = 0; i < tokens.Length; i++)
                {
                    context.Batch.Add(_model.Tokenizer.CheckToken(tokens[i]), i, next - first, output: true);
                }

                used += tokens.Length;
                next++;
            }

            context.Run(decode: !_encodeOnly);
            for (var sequence = 0; sequence < next - first; sequence++)
            {
                vectors.Add(ReadPooled(context, sequence));
            }
        }

        return vectors;
    }

    private unsafe float[] ReadPooled(LlamaContext context, int sequence)
    {
        var pooled = LlamaNative.llama_get_embeddings_seq(context.Handle, sequence);
        if (pooled is null)
        {
            throw new LlamaException($"llama.cpp returned no pooled embedding for sequence {sequence}.");
        }

        var vector = new ReadOnlySpan<float>(pooled, Dimensions).ToArray();
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }

        return vector;
    }

    private LlamaContext CreateContext()
    {
        var parameters = LlamaNative.llama_context_default_params();
        parameters.ContextSize = (uint)(ContextSize * Math.Max(1, _options.MaxSequencesPerBatch));
        // Non-causal models must see a whole sequence in one micro-batch.
        parameters.BatchSize = parameters.ContextSize;
        parameters.MicroBatchSize = parameters.ContextSize;
        parameters.MaxSequences = (uint)Math.Max(1, _options.MaxSequencesPerBatch);
        parameters.KvUnified = 1;
        parameters.Embeddings = 1;
        parameters.Threads = _options.Threads;
        parameters.BatchThreads = _options.Threads;
        parameters.PoolingType = _options.Pooling switch
        {
            EmbeddingPooling.Mean => LlamaPoolingType.Mean,
            EmbeddingPooling.Cls => LlamaPoolingType.Cls,
            EmbeddingPooling.Last => LlamaPoolingType.Last,
            _ => LlamaPoolingType.Unspecified,
        };
        return LlamaContext.Create(_model, parameters);
    }

    /// <summary>The file's first megabyte (the GGUF header and metadata), its length and the pooling: enough to tell models apart without reading gigabytes.</summary>
    private static string HashModel(string path, EmbeddingPooling pooling)
    {
        using var stream = File.OpenRead(path);
        var head = new byte[Math.Min(stream.Length, 1 << 20)];
        stream.ReadExactly(head);
        var hash = SHA256.HashData([.. head, .. BitConverter.GetBytes(stream.Length), (byte)pooling]);
        return Convert.ToHexString(hash)[..16].ToLowerInvariant();
    }
}

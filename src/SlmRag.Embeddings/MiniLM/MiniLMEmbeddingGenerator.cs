using System.Numerics.Tensors;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using SlmRag.Core.Collections;

namespace SlmRag.Embeddings.MiniLM;

/// <summary>
/// Sentence embeddings from all-MiniLM-L6-v2 (384 dimensions) run in-process by ONNX Runtime on the
/// CPU: SlmRag's own uncased BERT tokenizer, texts cut at <see cref="MiniLMOptions.MaxTokens"/>, mean
/// pooling over the attention mask, unit length. Texts are sorted by length and run in batches bounded
/// in count and padded tokens, so memory stays bounded and little is padded. Thread-safe (an ONNX
/// Runtime session serves concurrent runs); cancellation is checked between batches and stops a
/// running batch. Owns its session: dispose it with the host.
/// </summary>
public sealed class MiniLMEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelName = "all-MiniLM-L6-v2";

    /// <summary>
    /// Calls of at most this many texts spread their runs over <see cref="MiniLMOptions.ParallelRuns"/> threads: such a call is
    /// a question's (its query and the few units an answer reads). Longer calls are ingestion batches and keep to one
    /// thread, so the other cores stay free for the questions asked meanwhile.
    /// </summary>
    public const int ParallelCallTexts = 16;

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly MiniLMOptions _options;
    private readonly int _batchSize;
    private readonly string _outputName;
    private readonly bool _takesTokenTypes;
    private readonly EmbeddingModelFingerprint _fingerprint;
    private readonly EmbeddingGeneratorMetadata _metadata;

    private MiniLMEmbeddingGenerator(MiniLMModelFiles files, MiniLMOptions options, string name)
    {
        _options = options;
        _batchSize = options.Precision == MiniLMPrecision.Int8 ? 1 : options.BatchSize;
        _tokenizer = BertTokenizer.Load(new MemoryStream(files.Vocabulary, writable: false));
        using var session = new SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        // Spinning worker threads burn the core that the rest of the service needs.
        session.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _session = new InferenceSession(options.Precision == MiniLMPrecision.Int8 ? Int8Model(files) : files.Model, session);
        if (!_session.InputMetadata.ContainsKey("input_ids") || !_session.InputMetadata.ContainsKey("attention_mask"))
        {
            _session.Dispose();
            throw new InvalidDataException($"'{files.Source}' is not a BERT-style model: it takes {string.Join(", ", _session.InputMetadata.Keys)} (expected input_ids and attention_mask).");
        }

        _takesTokenTypes = _session.InputMetadata.ContainsKey("token_type_ids");
        // The token-level output: last_hidden_state (or token_embeddings), shaped [batch, tokens, dimensions].
        var output = _session.OutputMetadata.FirstOrDefault(o => o.Value.Dimensions.Length == 3);
        _outputName = output.Key ?? throw new InvalidDataException($"'{files.Source}' has no [batch, tokens, dimensions] output.");
        Dimensions = output.Value.Dimensions[2];
        if (Dimensions <= 0)
        {
            throw new InvalidDataException($"'{files.Source}' does not state its vector size.");
        }

        var digest = SHA256.HashData([.. files.Model, .. files.Vocabulary]);
        // Int8 vectors differ from Float32 ones (cosine about 0.99), so a collection embedded in one precision is refused in the other.
        var precision = options.Precision == MiniLMPrecision.Int8 ? "-int8" : string.Empty;
        var hash = $"{Convert.ToHexStringLower(digest)[..16]}-t{options.MaxTokens}-mean{precision}";
        _fingerprint = new EmbeddingModelFingerprint($"minilm:{name}", Dimensions, hash);
        _metadata = new EmbeddingGeneratorMetadata("slmrag-onnx", null, _fingerprint.Name, Dimensions);
    }

    public int Dimensions { get; }

    /// <summary>The weight products rewritten to int8 at load (0 in <see cref="MiniLMPrecision.Float32"/>).</summary>
    public int QuantizedMatMuls { get; private set; }

    /// <summary>Loads the model named by <see cref="MiniLMOptions.ModelPath"/> (the bundled all-MiniLM-L6-v2 when empty).</summary>
    public static MiniLMEmbeddingGenerator Load(MiniLMOptions options)
    {
        var path = MiniLMModelFiles.Resolve(options.ModelPath);
        var name = string.IsNullOrWhiteSpace(options.ModelPath) || File.Exists(path) ? ModelName : Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        return new MiniLMEmbeddingGenerator(MiniLMModelFiles.Read(path), options, name);
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values as IReadOnlyList<string> ?? [.. values];
        var encoded = new int[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            encoded[i] = _tokenizer.Encode(texts[i], _options.MaxTokens);
        }

        var order = Enumerable.Range(0, texts.Count).OrderBy(i => encoded[i].Length).ToArray();
        var batches = new List<(int Start, int Count)>();
        for (var start = 0; start < order.Length;)
        {
            // Sorted by length, so the text added last is the longest: it sets the padded size. Int8 runs each text alone:
            // DynamicQuantizeMatMul takes one activation scale over its whole input, so in a batch a text's vector would
            // depend on its batch-mates and their padding (cosine down to 0.98 measured), and a chunk would not get the
            // vector its own text gets as a query.
            var count = 1;
            while (start + count < order.Length && count < _batchSize
                && (count + 1) * encoded[order[start + count]].Length <= _options.MaxBatchTokens)
            {
                count++;
            }

            batches.Add((start, count));
            start += count;
        }

        var vectors = new float[texts.Count][];
        var parallel = batches.Count > 1 && texts.Count <= ParallelCallTexts ? Math.Min(_options.ParallelRuns, batches.Count) : 1;
        if (parallel > 1)
        {
            // Someone is waiting for a short call (the question's units): its runs are independent, so the cores share them.
            try
            {
                Parallel.ForEach(batches, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken },
                    batch => RunBatch(order.AsSpan(batch.Start, batch.Count), encoded, vectors, cancellationToken));
            }
            catch (AggregateException e) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("Embedding was cancelled during a batch.", e, cancellationToken);
            }
            catch (AggregateException e) when (e.InnerExceptions.Count == 1)
            {
                // The caller sees what a sequential call would have thrown, not the scheduler's wrapper.
                ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            }
        }
        else
        {
            foreach (var (start, count) in batches)
            {
                cancellationToken.ThrowIfCancellationRequested();
                RunBatch(order.AsSpan(start, count), encoded, vectors, cancellationToken);
            }
        }

        var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Length);
        result.AddRange(vectors.Select(v => new Embedding<float>(v) { ModelId = _fingerprint.Name }));
        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        GeneratorServices.Resolve(this, serviceType, serviceKey, _fingerprint, _metadata);

    public void Dispose() => _session.Dispose();

    /// <summary>The float model with its weight products rewritten to int8 (ONNX Runtime's dynamic quantisation operator).</summary>
    private byte[] Int8Model(MiniLMModelFiles files)
    {
        var model = Onnx.OnnxModel.Read(files.Model);
        QuantizedMatMuls = Onnx.DynamicQuantization.QuantizeMatMuls(model);
        return QuantizedMatMuls > 0 ? model.ToArray()
            : throw new InvalidDataException($"'{files.Source}' has no MatMul with a 2-D float weight initializer to run in int8 (Embeddings:MiniLM:Precision).");
    }

    /// <summary>The token ids the model sees for <paramref name="text"/> (tests and diagnostics).</summary>
    internal int[] Tokenize(string text) => _tokenizer.Encode(text, _options.MaxTokens);

    private void RunBatch(ReadOnlySpan<int> batch, int[][] encoded, float[][] vectors, CancellationToken cancellationToken)
    {
        var length = encoded[batch[^1]].Length;
        var ids = new long[batch.Length * length];
        var mask = new long[batch.Length * length];
        for (var b = 0; b < batch.Length; b++)
        {
            var tokens = encoded[batch[b]];
            for (var t = 0; t < tokens.Length; t++)
            {
                ids[(b * length) + t] = tokens[t];
                mask[(b * length) + t] = 1;
            }
        }

        long[] shape = [batch.Length, length];
        using var inputIds = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var attention = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var tokenTypes = _takesTokenTypes ? OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape) : null;
        var names = new List<string> { "input_ids", "attention_mask" };
        var inputs = new List<OrtValue> { inputIds, attention };
        if (tokenTypes is not null)
        {
            names.Add("token_type_ids");
            inputs.Add(tokenTypes);
        }

        using var run = new RunOptions();
        using var stop = cancellationToken.Register(() => run.Terminate = true);
        IDisposableReadOnlyCollection<OrtValue> outputs;
        try
        {
            outputs = _session.Run(run, names, inputs, [_outputName]);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("Embedding was cancelled during a batch.", cancellationToken);
        }

        using (outputs)
        {
            var hidden = outputs[0].GetTensorDataAsSpan<float>();
            for (var b = 0; b < batch.Length; b++)
            {
                var tokens = encoded[batch[b]].Length;
                var vector = new float[Dimensions];
                // Mean over the real tokens only (attention mask 1), then unit length: the sum scaled to unit length is the same vector.
                for (var t = 0; t < tokens; t++)
                {
                    TensorPrimitives.Add(vector, hidden.Slice(((b * length) + t) * Dimensions, Dimensions), vector);
                }

                var norm = TensorPrimitives.Norm(vector);
                if (norm > 0)
                {
                    TensorPrimitives.Divide(vector, norm, vector);
                }

                vectors[batch[b]] = vector;
            }
        }
    }
}

using System.Numerics.Tensors;
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

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly MiniLMOptions _options;
    private readonly string _outputName;
    private readonly bool _takesTokenTypes;
    private readonly EmbeddingModelFingerprint _fingerprint;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private readonly int _windowedLength;

    private MiniLMEmbeddingGenerator(MiniLMModelFiles files, MiniLMOptions options, string name)
    {
        _options = options;
        _windowedLength = 2 + ((options.MaxTokens - 2) * options.MaxWindows);
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
        _session = new InferenceSession(files.Model, session);
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
        // Texts within MaxTokens get the same vector either way, but longer ones do not: windows are part of the identity.
        var windowed = options.MaxWindows > 1 ? $"x{options.MaxWindows}" : string.Empty;
        var hash = $"{Convert.ToHexStringLower(digest)[..16]}-t{options.MaxTokens}{windowed}-mean";
        _fingerprint = new EmbeddingModelFingerprint($"minilm:{name}", Dimensions, hash);
        _metadata = new EmbeddingGeneratorMetadata("slmrag-onnx", null, _fingerprint.Name, Dimensions);
    }

    public int Dimensions { get; }

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
        var sums = new float[texts.Count][];
        var windows = new List<int[]>(texts.Count);
        var owners = new List<int>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            sums[i] = new float[Dimensions];
            foreach (var window in Windows(_tokenizer.Encode(texts[i], _windowedLength)))
            {
                windows.Add(window);
                owners.Add(i);
            }
        }

        var order = Enumerable.Range(0, windows.Count).OrderBy(w => windows[w].Length).ToArray();
        for (var start = 0; start < order.Length;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Sorted by length, so the window added last is the longest: it sets the padded size.
            var count = 1;
            while (start + count < order.Length && count < _options.BatchSize
                && (count + 1) * windows[order[start + count]].Length <= _options.MaxBatchTokens)
            {
                count++;
            }

            RunBatch(order.AsSpan(start, count), windows, owners, sums, cancellationToken);
            start += count;
        }

        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
        foreach (var sum in sums)
        {
            // Mean over every real token of every window, then unit length: the sum scaled to unit length is the same vector.
            var norm = TensorPrimitives.Norm(sum);
            if (norm > 0)
            {
                TensorPrimitives.Divide(sum, norm, sum);
            }

            result.Add(new Embedding<float>(sum) { ModelId = _fingerprint.Name });
        }

        return Task.FromResult(result);
    }

    /// <summary>
    /// The model's inputs for one encoded text: the text itself when it fits in <see cref="MiniLMOptions.MaxTokens"/>, else
    /// consecutive windows of its word pieces, each framed by [CLS] and [SEP] as the model was trained.
    /// </summary>
    private IEnumerable<int[]> Windows(int[] encoded)
    {
        if (encoded.Length <= _options.MaxTokens)
        {
            yield return encoded;
            yield break;
        }

        var body = encoded.AsMemory(1, encoded.Length - 2);
        var step = _options.MaxTokens - 2;
        for (var from = 0; from < body.Length; from += step)
        {
            var piece = body.Slice(from, Math.Min(step, body.Length - from)).Span;
            var window = new int[piece.Length + 2];
            window[0] = encoded[0];
            piece.CopyTo(window.AsSpan(1));
            window[^1] = encoded[^1];
            yield return window;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        GeneratorServices.Resolve(this, serviceType, serviceKey, _fingerprint, _metadata);

    public void Dispose() => _session.Dispose();

    /// <summary>The token ids the model sees for <paramref name="text"/> (tests and diagnostics).</summary>
    internal int[] Tokenize(string text) => _tokenizer.Encode(text, _options.MaxTokens);

    private void RunBatch(ReadOnlySpan<int> batch, List<int[]> windows, List<int> owners, float[][] sums, CancellationToken cancellationToken)
    {
        var length = windows[batch[^1]].Length;
        var ids = new long[batch.Length * length];
        var mask = new long[batch.Length * length];
        for (var b = 0; b < batch.Length; b++)
        {
            var tokens = windows[batch[b]];
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
                var tokens = windows[batch[b]].Length;
                var sum = sums[owners[batch[b]]];
                // The real tokens only (attention mask 1); a text's windows add into one sum.
                for (var t = 0; t < tokens; t++)
                {
                    TensorPrimitives.Add(sum, hidden.Slice(((b * length) + t) * Dimensions, Dimensions), sum);
                }
            }
        }
    }
}

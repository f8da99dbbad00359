namespace SlmRag.Testing.Gguf;

/// <summary>
/// Builds GGUF models with random weights that llama.cpp loads and runs: a llama-architecture chat model
/// (ChatML template), a BERT-architecture embedding model, a causal embedding model and LoRA adapters.
/// Weights come from a seeded hash, so the same arguments give the same file.
/// </summary>
public static class TinyModels
{
    public const string ChatMlTemplate =
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";

    /// <summary>
    /// A llama-architecture chat model. <paramref name="chatTemplate"/> null leaves the template out;
    /// <paramref name="neverEnds"/> zeroes the output rows of control tokens so greedy decoding never picks an
    /// end token (benchmarks generate an exact number of tokens).
    /// </summary>
    public static string WriteChatModel(string path, TinyVocabulary? vocabulary = null, TinyModelShape? shape = null,
        GgufTensorType type = GgufTensorType.F16, string? chatTemplate = ChatMlTemplate, int seed = 1, int? pooling = null, bool neverEnds = false)
    {
        vocabulary ??= TinyVocabulary.SentencePiece();
        shape ??= new TinyModelShape();
        var writer = new GgufWriter()
            .Add("general.architecture", "llama")
            .Add("general.name", "slmrag-tiny-llama")
            .Add("general.file_type", type == GgufTensorType.F16 ? 1u : 0u)
            .Add("llama.context_length", (uint)shape.ContextLength)
            .Add("llama.embedding_length", (uint)shape.EmbeddingSize)
            .Add("llama.block_count", (uint)shape.Layers)
            .Add("llama.feed_forward_length", (uint)shape.FeedForward)
            .Add("llama.attention.head_count", (uint)shape.Heads)
            .Add("llama.attention.head_count_kv", (uint)shape.KvHeads)
            .Add("llama.rope.dimension_count", (uint)(shape.EmbeddingSize / shape.Heads))
            .Add("llama.rope.freq_base", 10000f)
            .Add("llama.attention.layer_norm_rms_epsilon", 1e-5f)
            .Add("llama.vocab_size", (uint)vocabulary.Count);
        if (pooling is { } p)
        {
            writer.Add("llama.pooling_type", (uint)p);
        }

        vocabulary.WriteTo(writer);
        if (chatTemplate is not null)
        {
            writer.Add("tokenizer.chat_template", chatTemplate);
        }

        long e = shape.EmbeddingSize, f = shape.FeedForward, kv = shape.KvSize, v = vocabulary.Count;
        var tensor = 0;
        writer.AddTensor("token_embd.weight", [e, v], type, Random(seed, tensor++, 1f));
        writer.AddTensor("output_norm.weight", [e], GgufTensorType.F32, _ => 1f);
        var output = Random(seed, tensor++, 0.08f);
        var control = vocabulary.Types.Select(t => t == 3).ToArray();
        writer.AddTensor("output.weight", [e, v], type, neverEnds ? i => control[i / e] ? 0f : output(i) : output);
        for (var layer = 0; layer < shape.Layers; layer++)
        {
            var blk = $"blk.{layer}.";
            writer.AddTensor(blk + "attn_norm.weight", [e], GgufTensorType.F32, _ => 1f);
            writer.AddTensor(blk + "attn_q.weight", [e, e], type, Random(seed, tensor++, 0.08f));
            writer.AddTensor(blk + "attn_k.weight", [e, kv], type, Random(seed, tensor++, 0.08f));
            writer.AddTensor(blk + "attn_v.weight", [e, kv], type, Random(seed, tensor++, 0.08f));
            writer.AddTensor(blk + "attn_output.weight", [e, e], type, Random(seed, tensor++, 0.08f));
            writer.AddTensor(blk + "ffn_norm.weight", [e], GgufTensorType.F32, _ => 1f);
            writer.AddTensor(blk + "ffn_gate.weight", [e, f], type, Random(seed, tensor++, 0.08f));
            writer.AddTensor(blk + "ffn_down.weight", [f, e], type, Random(seed, tensor++, 0.08f));
            writer.AddTensor(blk + "ffn_up.weight", [e, f], type, Random(seed, tensor++, 0.08f));
        }

        writer.Save(path);
        return path;
    }

    /// <summary>A BERT-architecture (non-causal) embedding model with CLS or mean pooling (llama.cpp pooling type 2 or 1).</summary>
    public static string WriteBertModel(string path, int pooling = 2, TinyModelShape? shape = null, int seed = 7)
    {
        var vocabulary = TinyVocabulary.SentencePiece();
        shape ??= new TinyModelShape(EmbeddingSize: 64, Layers: 2, Heads: 4, KvHeads: 4, FeedForward: 128, ContextLength: 512);
        var writer = new GgufWriter()
            .Add("general.architecture", "bert")
            .Add("general.name", "slmrag-tiny-bert")
            .Add("general.file_type", 1u)
            .Add("bert.context_length", (uint)shape.ContextLength)
            .Add("bert.embedding_length", (uint)shape.EmbeddingSize)
            .Add("bert.block_count", (uint)shape.Layers)
            .Add("bert.feed_forward_length", (uint)shape.FeedForward)
            .Add("bert.attention.head_count", (uint)shape.Heads)
            .Add("bert.attention.layer_norm_epsilon", 1e-12f)
            .Add("bert.attention.causal", false)
            .Add("bert.pooling_type", (uint)pooling)
            .Add("tokenizer.ggml.token_type_count", 2u);
        vocabulary.WriteTo(writer);
        long e = shape.EmbeddingSize, f = shape.FeedForward, v = vocabulary.Count;
        var tensor = 0;
        writer.AddTensor("token_embd.weight", [e, v], GgufTensorType.F16, Random(seed, tensor++, 1f));
        writer.AddTensor("token_types.weight", [e, 2], GgufTensorType.F32, Random(seed, tensor++, 0.1f));
        writer.AddTensor("position_embd.weight", [e, shape.ContextLength], GgufTensorType.F32, Random(seed, tensor++, 0.1f));
        writer.AddTensor("token_embd_norm.weight", [e], GgufTensorType.F32, _ => 1f);
        writer.AddTensor("token_embd_norm.bias", [e], GgufTensorType.F32, _ => 0f);
        for (var layer = 0; layer < shape.Layers; layer++)
        {
            var blk = $"blk.{layer}.";
            foreach (var name in new[] { "attn_q", "attn_k", "attn_v", "attn_output" })
            {
                writer.AddTensor(blk + name + ".weight", [e, e], GgufTensorType.F16, Random(seed, tensor++, 0.1f));
                writer.AddTensor(blk + name + ".bias", [e], GgufTensorType.F32, Random(seed, tensor++, 0.01f));
            }

            writer.AddTensor(blk + "attn_output_norm.weight", [e], GgufTensorType.F32, _ => 1f);
            writer.AddTensor(blk + "attn_output_norm.bias", [e], GgufTensorType.F32, _ => 0f);
            writer.AddTensor(blk + "ffn_up.weight", [e, f], GgufTensorType.F16, Random(seed, tensor++, 0.1f));
            writer.AddTensor(blk + "ffn_up.bias", [f], GgufTensorType.F32, Random(seed, tensor++, 0.01f));
            writer.AddTensor(blk + "ffn_down.weight", [f, e], GgufTensorType.F16, Random(seed, tensor++, 0.1f));
            writer.AddTensor(blk + "ffn_down.bias", [e], GgufTensorType.F32, Random(seed, tensor++, 0.01f));
            writer.AddTensor(blk + "layer_output_norm.weight", [e], GgufTensorType.F32, _ => 1f);
            writer.AddTensor(blk + "layer_output_norm.bias", [e], GgufTensorType.F32, _ => 0f);
        }

        writer.Save(path);
        return path;
    }

    /// <summary>A LoRA adapter (rank <paramref name="rank"/>) over the attention and feed-forward weights of a <see cref="WriteChatModel"/> model.</summary>
    public static string WriteLoraAdapter(string path, TinyModelShape? shape = null, int rank = 4, float alpha = 8f, int seed = 99)
    {
        shape ??= new TinyModelShape();
        var writer = new GgufWriter()
            .Add("general.architecture", "llama")
            .Add("general.type", "adapter")
            .Add("general.name", "slmrag-tiny-lora")
            .Add("adapter.type", "lora")
            .Add("adapter.lora.alpha", alpha);
        long e = shape.EmbeddingSize, f = shape.FeedForward, kv = shape.KvSize, r = rank;
        var tensor = 0;
        for (var layer = 0; layer < shape.Layers; layer++)
        {
            foreach (var (name, input, output) in new[] { ("attn_q", e, e), ("attn_v", e, kv), ("ffn_up", e, f) })
            {
                var blk = $"blk.{layer}.{name}.weight";
                writer.AddTensor(blk + ".lora_a", [input, r], GgufTensorType.F32, Random(seed, tensor++, 0.5f));
                writer.AddTensor(blk + ".lora_b", [r, output], GgufTensorType.F32, Random(seed, tensor++, 0.5f));
            }
        }

        writer.Save(path);
        return path;
    }

    /// <summary>Uniform values with the given standard deviation from a hash of (seed, tensor, index).</summary>
    private static Func<long, float> Random(int seed, int tensor, float deviation)
    {
        var scale = deviation * MathF.Sqrt(3f) * 2f;
        var salt = ((ulong)(uint)seed << 32) ^ (ulong)(uint)tensor * 0x9E3779B97F4A7C15UL;
        return index =>
        {
            var z = salt + (ulong)index * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return ((z >> 40) / (float)(1UL << 24) - 0.5f) * scale;
        };
    }
}

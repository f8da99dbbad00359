using System.Runtime.InteropServices;

namespace SlmRag.LlamaCpp.Native;

/// <summary>
/// llama.cpp's C API (llama.h of node-llama-cpp 3.22.1), the functions SlmRag calls. Library names are
/// resolved to the fetched files by <see cref="NativeLibraryResolver"/>. Every caller validates sizes and
/// token ids first: a failed GGML_ASSERT aborts the process.
/// </summary>
internal static unsafe partial class LlamaNative
{
    public const string Llama = "llama";
    public const string Ggml = "ggml";
    public const string GgmlBase = "ggml-base";

    // Backend and process-wide state
    [LibraryImport(Ggml, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void ggml_backend_load_all_from_path(string directory);

    [LibraryImport(Ggml)]
    public static partial nuint ggml_backend_dev_count();

    [LibraryImport(Ggml)]
    public static partial IntPtr ggml_backend_dev_get(nuint index);

    [LibraryImport(Ggml)]
    public static partial IntPtr ggml_backend_dev_name(IntPtr device);

    [LibraryImport(Ggml)]
    public static partial IntPtr ggml_backend_dev_description(IntPtr device);

    [LibraryImport(GgmlBase)]
    public static partial void ggml_log_set(delegate* unmanaged[Cdecl]<int, byte*, IntPtr, void> callback, IntPtr userData);

    [LibraryImport(Llama)]
    public static partial void llama_log_set(delegate* unmanaged[Cdecl]<int, byte*, IntPtr, void> callback, IntPtr userData);

    [LibraryImport(Llama)]
    public static partial void llama_backend_init();

    [LibraryImport(Llama)]
    public static partial IntPtr llama_print_system_info();

    [LibraryImport(Llama)]
    public static partial IntPtr llama_version();

    [LibraryImport(Llama)]
    public static partial LlamaModelParams llama_model_default_params();

    [LibraryImport(Llama)]
    public static partial LlamaContextParams llama_context_default_params();

    [LibraryImport(Llama)]
    public static partial LlamaModelQuantizeParams llama_model_quantize_default_params();

    // Model
    [LibraryImport(Llama, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr llama_model_load_from_file(string path, LlamaModelParams parameters);

    [LibraryImport(Llama)]
    public static partial void llama_model_free(IntPtr model);

    [LibraryImport(Llama)]
    public static partial IntPtr llama_model_get_vocab(SafeLlamaModelHandle model);

    [LibraryImport(Llama)]
    public static partial int llama_model_n_ctx_train(SafeLlamaModelHandle model);

    [LibraryImport(Llama)]
    public static partial int llama_model_n_embd(SafeLlamaModelHandle model);

    [LibraryImport(Llama)]
    public static partial int llama_model_n_layer(SafeLlamaModelHandle model);

    [LibraryImport(Llama)]
    public static partial ulong llama_model_n_params(SafeLlamaModelHandle model);

    [LibraryImport(Llama)]
    public static partial ulong llama_model_size(SafeLlamaModelHandle model);

    [LibraryImport(Llama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_model_has_encoder(SafeLlamaModelHandle model);

    [LibraryImport(Llama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_model_has_decoder(SafeLlamaModelHandle model);

    [LibraryImport(Llama)]
    public static partial int llama_model_desc(SafeLlamaModelHandle model, byte* buffer, nuint size);

    [LibraryImport(Llama)]
    public static partial int llama_model_meta_count(SafeLlamaModelHandle model);

    [LibraryImport(Llama)]
    public static partial int llama_model_meta_key_by_index(SafeLlamaModelHandle model, int index, byte* buffer, nuint size);

    [LibraryImport(Llama)]
    public static partial int llama_model_meta_val_str_by_index(SafeLlamaModelHandle model, int index, byte* buffer, nuint size);

    [LibraryImport(Llama)]
    public static partial IntPtr llama_model_chat_template(SafeLlamaModelHandle model, IntPtr name);

    [LibraryImport(Llama, StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint llama_model_quantize(string input, string output, in LlamaModelQuantizeParams parameters);

    // LoRA adapters
    [LibraryImport(Llama, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr llama_adapter_lora_init(SafeLlamaModelHandle model, string path);

    [LibraryImport(Llama)]
    public static partial void llama_adapter_lora_free(IntPtr adapter);

    [LibraryImport(Llama)]
    public static partial int llama_set_adapters_lora(SafeLlamaContextHandle context, IntPtr* adapters, nuint count, float* scales);

    // Context
    [LibraryImport(Llama)]
    public static partial IntPtr llama_init_from_model(SafeLlamaModelHandle model, LlamaContextParams parameters);

    [LibraryImport(Llama)]
    public static partial void llama_free(IntPtr context);

    [LibraryImport(Llama)]
    public static partial uint llama_n_ctx(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    public static partial uint llama_n_batch(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    public static partial uint llama_n_seq_max(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    public static partial LlamaPoolingType llama_pooling_type(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    public static partial IntPtr llama_get_memory(SafeLlamaContextHandle context);

    [LibraryImport(Llama)]
    public static partial void llama_memory_clear(IntPtr memory, [MarshalAs(UnmanagedType.U1)] bool data);

    [LibraryImport(Llama)]
    public static partial int llama_decode(SafeLlamaContextHandle context, LlamaBatch batch);

    [LibraryImport(Llama)]
    public static partial int llama_encode(SafeLlamaContextHandle context, LlamaBatch batch);

    [LibraryImport(Llama)]
    public static partial float* llama_get_logits_ith(SafeLlamaContextHandle context, int index);

    [LibraryImport(Llama)]
    public static partial float* llama_get_embeddings_seq(SafeLlamaContextHandle context, int sequence);

    // Vocabulary (thread-safe)
    [LibraryImport(Llama)]
    public static partial int llama_vocab_n_tokens(IntPtr vocab);

    [LibraryImport(Llama)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_vocab_is_eog(IntPtr vocab, int token);

    [LibraryImport(Llama)]
    public static partial int llama_vocab_bos(IntPtr vocab);

    [LibraryImport(Llama)]
    public static partial int llama_vocab_eos(IntPtr vocab);

    [LibraryImport(Llama)]
    public static partial int llama_tokenize(IntPtr vocab, byte* text, int textLength, int* tokens, int maxTokens,
        [MarshalAs(UnmanagedType.U1)] bool addSpecial, [MarshalAs(UnmanagedType.U1)] bool parseSpecial);

    [LibraryImport(Llama)]
    public static partial int llama_token_to_piece(IntPtr vocab, int token, byte* buffer, int length, int leftStrip,
        [MarshalAs(UnmanagedType.U1)] bool special);

    [LibraryImport(Llama)]
    public static partial int llama_detokenize(IntPtr vocab, int* tokens, int tokenCount, byte* text, int maxLength,
        [MarshalAs(UnmanagedType.U1)] bool removeSpecial, [MarshalAs(UnmanagedType.U1)] bool unparseSpecial);

    // Chat templates (built-in families only; no Jinja)
    [LibraryImport(Llama)]
    public static partial int llama_chat_apply_template(IntPtr template, LlamaChatMessage* messages, nuint count,
        [MarshalAs(UnmanagedType.U1)] bool addAssistant, byte* buffer, int length);

    // Sampling
    [LibraryImport(Llama)]
    public static partial IntPtr llama_sampler_chain_init(LlamaSamplerChainParams parameters);

    [LibraryImport(Llama)]
    public static partial void llama_sampler_chain_add(SafeLlamaSamplerHandle chain, IntPtr sampler);

    [LibraryImport(Llama)]
    public static partial void llama_sampler_free(IntPtr sampler);

    [LibraryImport(Llama)]
    public static partial int llama_sampler_sample(SafeLlamaSamplerHandle chain, SafeLlamaContextHandle context, int index);

    [LibraryImport(Llama)]
    public static partial IntPtr llama_sampler_init_greedy();

    [LibraryImport(Llama)]
    public static partial IntPtr llama_sampler_init_dist(uint seed);

    [LibraryImport(Llama)]
    public static partial IntPtr llama_sampler_init_top_k(int k);

    [LibraryImport(Llama)]
    public static partial IntPtr llama_sampler_init_top_p(float p, nuint minKeep);

    [LibraryImport(Llama)]
    public static partial IntPtr llama_sampler_init_min_p(float p, nuint minKeep);

    [LibraryImport(Llama)]
    public static partial IntPtr llama_sampler_init_temp(float temperature);

    [LibraryImport(Llama)]
    public static partial IntPtr llama_sampler_init_penalties(int vocabularySize, int lastN, float repeat, float frequency, float presence);

    [LibraryImport(Llama, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr llama_sampler_init_grammar(IntPtr vocab, string grammar, string root);
}

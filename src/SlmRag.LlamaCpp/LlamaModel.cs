using System.Runtime.InteropServices;
using System.Text;
using SlmRag.LlamaCpp.Native;

namespace SlmRag.LlamaCpp;

/// <summary>A GGUF model loaded into memory: metadata, tokenizer, LoRA adapters, and the contexts built on it.
/// Thread-safe; dispose it after the clients that use it (they keep it alive until they are disposed).</summary>
public sealed unsafe class LlamaModel : IDisposable
{
    private readonly SafeLlamaModelHandle _handle;

    private LlamaModel(string path, SafeLlamaModelHandle handle)
    {
        Path = path;
        _handle = handle;
        Vocabulary = LlamaNative.llama_model_get_vocab(handle);
        Tokenizer = new LlamaTokenizer(this);
        Metadata = ReadMetadata(handle);
        ChatTemplate = Marshal.PtrToStringUTF8(LlamaNative.llama_model_chat_template(handle, IntPtr.Zero));
    }

    public string Path { get; }

    public LlamaTokenizer Tokenizer { get; }

    /// <summary>The GGUF key-value metadata, arrays summarised by llama.cpp (e.g. token lists are not expanded).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The model's own chat template (<c>tokenizer.chat_template</c>), or null.</summary>
    public string? ChatTemplate { get; }

    public int TrainedContextLength => LlamaNative.llama_model_n_ctx_train(_handle);

    public int EmbeddingSize => LlamaNative.llama_model_n_embd(_handle);

    public int LayerCount => LlamaNative.llama_model_n_layer(_handle);

    public ulong ParameterCount => LlamaNative.llama_model_n_params(_handle);

    public ulong SizeInBytes => LlamaNative.llama_model_size(_handle);

    public bool HasEncoder => LlamaNative.llama_model_has_encoder(_handle);

    public bool HasDecoder => LlamaNative.llama_model_has_decoder(_handle);

    public string Architecture => Metadata.GetValueOrDefault("general.architecture", "unknown");

    public string Description
    {
        get
        {
            var buffer = stackalloc byte[256];
            var length = LlamaNative.llama_model_desc(_handle, buffer, 256);
            return length <= 0 ? string.Empty : Encoding.UTF8.GetString(buffer, Math.Min(length, 255));
        }
    }

    internal SafeLlamaModelHandle Handle => _handle;

    internal IntPtr Vocabulary { get; }

    /// <summary>Loads a GGUF file. Throws <see cref="LlamaException"/> with llama.cpp's reason when the file is missing, not GGUF, or damaged.</summary>
    public static LlamaModel Load(string path, LlamaModelLoadOptions? options = null)
    {
        options ??= new LlamaModelLoadOptions();
        var full = System.IO.Path.GetFullPath(path);
        GgufFile.CheckHeader(full);
        LlamaRuntime.Initialize(options.NativeLibraryPath);
        var parameters = LlamaNative.llama_model_default_params();
        parameters.GpuLayerCount = options.GpuLayers;
        if (options.WritableWeights)
        {
            parameters.LoadMode = 0; // LLAMA_LOAD_MODE_NONE: no mmap, so the optimizer may write the weights
        }

        parameters.VocabOnly = options.VocabularyOnly ? (byte)1 : (byte)0;
        parameters.UseExtraBufferTypes = 1;
        NativeLog.ClearLastError();
        var handle = SafeLlamaModelHandle.Load(full, parameters);
        if (handle.IsInvalid)
        {
            var reason = NativeLog.TakeLastError();
            handle.Dispose();
            throw new LlamaException($"llama.cpp could not load the model {full}: {reason ?? "no reason given"}");
        }

        return new LlamaModel(full, handle);
    }

    /// <summary>Loads a model for an owner built on it (a chat client, an embedding generator); the model is freed if building the owner fails.</summary>
    internal static T LoadOwned<T>(string path, string? nativeLibraryPath, Func<LlamaModel, T> owner, int gpuLayers = 0)
    {
        var model = Load(path, new LlamaModelLoadOptions { NativeLibraryPath = nativeLibraryPath, GpuLayers = gpuLayers });
        try
        {
            return owner(model);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Loads a LoRA adapter GGUF made for this model. It lives until disposed or until the model is.</summary>
    public LlamaLoraAdapter LoadAdapter(string path, float scale = 1f)
    {
        var full = System.IO.Path.GetFullPath(path);
        GgufFile.CheckHeader(full);
        NativeLog.ClearLastError();
        var handle = SafeLlamaAdapterHandle.Load(_handle, full);
        if (handle.IsInvalid)
        {
            var reason = NativeLog.TakeLastError();
            handle.Dispose();
            throw new LlamaException($"llama.cpp could not load the LoRA adapter {full} over {Path}: {reason ?? "no reason given"}");
        }

        return new LlamaLoraAdapter(full, scale, handle);
    }

    public void Dispose() => _handle.Dispose();

    private static Dictionary<string, string> ReadMetadata(SafeLlamaModelHandle handle)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var count = LlamaNative.llama_model_meta_count(handle);
        for (var i = 0; i < count; i++)
        {
            var key = ReadString((b, n) => LlamaNative.llama_model_meta_key_by_index(handle, i, b, n));
            var value = ReadString((b, n) => LlamaNative.llama_model_meta_val_str_by_index(handle, i, b, n));
            if (key is not null)
            {
                result[key] = value ?? string.Empty;
            }
        }

        return result;
    }

    private delegate int StringReader(byte* buffer, nuint size);

    private static string? ReadString(StringReader read)
    {
        var size = 256;
        while (true)
        {
            var buffer = new byte[size];
            int length;
            fixed (byte* p = buffer)
            {
                length = read(p, (nuint)size);
            }

            if (length < 0)
            {
                return null;
            }

            if (length < size)
            {
                return Encoding.UTF8.GetString(buffer, 0, length);
            }

            size = length + 1;
        }
    }
}

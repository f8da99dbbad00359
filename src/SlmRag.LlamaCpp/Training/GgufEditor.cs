using System.Runtime.InteropServices;
using SlmRag.LlamaCpp.Native;

namespace SlmRag.LlamaCpp.Training;

/// <summary>Reads a GGUF file's tensor table and rewrites its metadata through ggml's own gguf code.</summary>
internal static unsafe class GgufEditor
{
    /// <summary>Each tensor's name, ggml type (0 = F32) and first two dimensions, from the header alone.</summary>
    public static List<GgufTensorInfo> Tensors(string path)
    {
        GgufFile.CheckHeader(path);
        IntPtr tensors = IntPtr.Zero;
        NativeLog.ClearLastError();
        var context = LlamaTrainingNative.gguf_init_from_file(path, new GgufInitParams { NoAlloc = 1, Context = (IntPtr)(&tensors) });
        if (context == IntPtr.Zero)
        {
            throw new LlamaException($"ggml could not read the GGUF header of {path}: {NativeLog.TakeLastError() ?? "no reason given"}");
        }

        try
        {
            var count = LlamaTrainingNative.gguf_get_n_tensors(context);
            var result = new List<GgufTensorInfo>((int)count);
            for (long i = 0; i < count; i++)
            {
                var name = Marshal.PtrToStringUTF8(LlamaTrainingNative.gguf_get_tensor_name(context, i)) ?? string.Empty;
                var tensor = LlamaTrainingNative.ggml_get_tensor(tensors, name);
                result.Add(new GgufTensorInfo(name, LlamaTrainingNative.gguf_get_tensor_type(context, i),
                    tensor == IntPtr.Zero ? 0 : GgmlTensorLayout.Ne(tensor, 0), tensor == IntPtr.Zero ? 0 : GgmlTensorLayout.Ne(tensor, 1)));
            }

            return result;
        }
        finally
        {
            LlamaTrainingNative.gguf_free(context);
            if (tensors != IntPtr.Zero)
            {
                LlamaTrainingNative.ggml_free(tensors);
            }
        }
    }

    /// <summary>A string (type 8) or uint32 (type 4) metadata value as text, or null when absent or of another type.</summary>
    public static string? Value(string path, string key)
    {
        var context = Open(path);
        try
        {
            var id = LlamaTrainingNative.gguf_find_key(context, key);
            return id < 0 ? null : LlamaTrainingNative.gguf_get_kv_type(context, id) switch
            {
                4 => LlamaTrainingNative.gguf_get_val_u32(context, id).ToString(System.Globalization.CultureInfo.InvariantCulture),
                8 => Marshal.PtrToStringUTF8(LlamaTrainingNative.gguf_get_val_str(context, id)),
                _ => null,
            };
        }
        finally
        {
            LlamaTrainingNative.gguf_free(context);
        }
    }

    /// <summary>
    /// Writes <paramref name="target"/>: the header of <paramref name="source"/> with these keys set (uint or string
    /// values), then its tensor data unchanged (tensor offsets are relative to the data section, so only the header moves).
    /// </summary>
    public static void Rewrite(string source, string target, IReadOnlyDictionary<string, object> values)
    {
        var context = Open(source);
        try
        {
            var dataOffset = (long)LlamaTrainingNative.gguf_get_data_offset(context);
            foreach (var (key, value) in values)
            {
                var existing = LlamaTrainingNative.gguf_find_key(context, key);
                switch (value)
                {
                    case uint number:
                        // A key of another type would make llama.cpp refuse the file; only overwrite what matches.
                        if (existing >= 0 && LlamaTrainingNative.gguf_get_kv_type(context, existing) != 4)
                        {
                            throw new LlamaException($"{source}: metadata key {key} is not a uint32.");
                        }

                        LlamaTrainingNative.gguf_set_val_u32(context, key, number);
                        break;
                    case string text:
                        LlamaTrainingNative.gguf_set_val_str(context, key, text);
                        break;
                    default:
                        throw new ArgumentException($"Unsupported metadata value type for {key}.", nameof(values));
                }
            }

            var size = (long)LlamaTrainingNative.gguf_get_meta_size(context);
            var header = new byte[size];
            fixed (byte* p = header)
            {
                LlamaTrainingNative.gguf_get_meta_data(context, p);
            }

            using var input = File.OpenRead(source);
            using var output = new FileStream(target, FileMode.Create, FileAccess.Write);
            output.Write(header);
            input.Seek(dataOffset, SeekOrigin.Begin);
            input.CopyTo(output);
        }
        finally
        {
            LlamaTrainingNative.gguf_free(context);
        }
    }

    private static IntPtr Open(string path)
    {
        GgufFile.CheckHeader(path);
        NativeLog.ClearLastError();
        var context = LlamaTrainingNative.gguf_init_from_file(path, new GgufInitParams { NoAlloc = 1 });
        return context == IntPtr.Zero
            ? throw new LlamaException($"ggml could not read the GGUF header of {path}: {NativeLog.TakeLastError() ?? "no reason given"}")
            : context;
    }
}

using System.Runtime.InteropServices;

namespace SlmRag.LlamaCpp.Native;

/// <summary>
/// llama.cpp's training API (llama.h and ggml-opt.h of node-llama-cpp 3.22.1) and the few ggml/gguf calls it
/// needs. Each of these asserts (and aborts the process) on bad input, so <see cref="Training.LlamaFineTuner"/>
/// checks weights, sizes and token ids before calling.
/// </summary>
internal static unsafe partial class LlamaTrainingNative
{
    [LibraryImport(LlamaNative.Llama)]
    public static partial void llama_opt_init(SafeLlamaContextHandle context, SafeLlamaModelHandle model, LlamaOptParams parameters);

    [LibraryImport(LlamaNative.Llama)]
    public static partial void llama_opt_epoch(SafeLlamaContextHandle context, SafeOptDatasetHandle dataset, SafeOptResultHandle resultTrain,
        SafeOptResultHandle resultEval, long dataSplit, IntPtr callbackTrain, IntPtr callbackEval);

    [LibraryImport(LlamaNative.Llama, StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint llama_model_save_to_file(SafeLlamaModelHandle model, string path);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial IntPtr ggml_opt_dataset_init(int typeData, int typeLabel, long elementsPerDatapoint, long elementsPerLabel, long count, long shard);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial void ggml_opt_dataset_free(IntPtr dataset);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial long ggml_opt_dataset_ndata(SafeOptDatasetHandle dataset);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial IntPtr ggml_opt_dataset_data(SafeOptDatasetHandle dataset);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial IntPtr ggml_opt_dataset_labels(SafeOptDatasetHandle dataset);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial IntPtr ggml_opt_result_init();

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial void ggml_opt_result_free(IntPtr result);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial void ggml_opt_result_reset(SafeOptResultHandle result);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial void ggml_opt_result_loss(SafeOptResultHandle result, double* loss, double* uncertainty);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial void ggml_opt_result_ndata(SafeOptResultHandle result, long* count);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial GgmlOptimizerParams ggml_opt_get_default_optimizer_params(IntPtr userData);

    // Tensors: names, data, and (for the layout test) a scratch context to build one with.
    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial byte* ggml_get_name(IntPtr tensor);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial long ggml_nelements(IntPtr tensor);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial nuint ggml_nbytes(IntPtr tensor);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial IntPtr ggml_get_data(IntPtr tensor);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial void ggml_backend_tensor_get(IntPtr tensor, void* data, nuint offset, nuint size);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial void ggml_backend_tensor_set(IntPtr tensor, void* data, nuint offset, nuint size);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial IntPtr ggml_init(GgmlInitParams parameters);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial void ggml_free(IntPtr context);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial IntPtr ggml_new_tensor_2d(IntPtr context, int type, long ne0, long ne1);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial IntPtr ggml_add(IntPtr context, IntPtr a, IntPtr b);

    [LibraryImport(LlamaNative.GgmlBase, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr ggml_get_tensor(IntPtr context, string name);

    // GGUF metadata (rewriting a saved model's header)
    [LibraryImport(LlamaNative.GgmlBase, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr gguf_init_from_file(string path, GgufInitParams parameters);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial void gguf_free(IntPtr context);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial nuint gguf_get_data_offset(IntPtr context);

    [LibraryImport(LlamaNative.GgmlBase, StringMarshalling = StringMarshalling.Utf8)]
    public static partial long gguf_find_key(IntPtr context, string key);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial int gguf_get_kv_type(IntPtr context, long keyId);

    [LibraryImport(LlamaNative.GgmlBase, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void gguf_set_val_u32(IntPtr context, string key, uint value);

    [LibraryImport(LlamaNative.GgmlBase, StringMarshalling = StringMarshalling.Utf8)]
    public static partial void gguf_set_val_str(IntPtr context, string key, string value);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial uint gguf_get_val_u32(IntPtr context, long keyId);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial IntPtr gguf_get_val_str(IntPtr context, long keyId);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial long gguf_get_n_tensors(IntPtr context);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial IntPtr gguf_get_tensor_name(IntPtr context, long tensorId);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial int gguf_get_tensor_type(IntPtr context, long tensorId);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial nuint gguf_get_meta_size(IntPtr context);

    [LibraryImport(LlamaNative.GgmlBase)]
    public static partial void gguf_get_meta_data(IntPtr context, void* data);
}

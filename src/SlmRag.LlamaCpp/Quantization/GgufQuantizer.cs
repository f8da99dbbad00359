using SlmRag.LlamaCpp.Native;

namespace SlmRag.LlamaCpp.Quantization;

/// <summary>Rewrites a GGUF model with quantized weights through llama.cpp's own quantizer.</summary>
public static class GgufQuantizer
{
    /// <summary>Writes every tensor as F32 (llama_ftype ALL_F32), dequantizing quantized weights: the form training needs.</summary>
    internal static void ToF32(string input, string output, string? nativeLibraryPath)
    {
        LlamaRuntime.Initialize(nativeLibraryPath);
        var parameters = LlamaNative.llama_model_quantize_default_params();
        parameters.FileType = 0; // LLAMA_FTYPE_ALL_F32
        parameters.AllowRequantize = 1; // quantized weights are dequantized, not refused
        NativeLog.ClearLastError();
        var result = LlamaNative.llama_model_quantize(Path.GetFullPath(input), Path.GetFullPath(output), parameters);
        if (result != 0)
        {
            var reason = NativeLog.TakeLastError();
            File.Delete(output);
            throw new LlamaException($"llama.cpp could not convert {input} to F32: {reason ?? $"code {result}"}");
        }
    }

    /// <summary>Quantizes <paramref name="input"/> into <paramref name="output"/>. Runs on the calling thread (minutes for large models).</summary>
    public static void Quantize(string input, string output, QuantizationType type, int threads = 0, string? nativeLibraryPath = null)
    {
        var source = Path.GetFullPath(input);
        var target = Path.GetFullPath(output);
        GgufFile.CheckHeader(source);
        if (string.Equals(source, target, StringComparison.Ordinal))
        {
            throw new LlamaException("Quantizing writes a new file: the output path must differ from the input.");
        }

        LlamaRuntime.Initialize(nativeLibraryPath);
        var parameters = LlamaNative.llama_model_quantize_default_params();
        parameters.FileType = (int)type;
        parameters.ThreadCount = threads;
        NativeLog.ClearLastError();
        var result = LlamaNative.llama_model_quantize(source, target, parameters);
        if (result != 0)
        {
            var reason = NativeLog.TakeLastError();
            File.Delete(target);
            throw new LlamaException($"llama.cpp could not quantize {source} to {type}: {reason ?? $"code {result}"}");
        }
    }
}

using System.Runtime.InteropServices;

namespace SlmRag.LlamaCpp.Native;

/// <summary><c>struct llama_model_quantize_params</c> of node-llama-cpp 3.22.1's llama.h (64 bytes on 64-bit).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LlamaModelQuantizeParams
{
    public int ThreadCount;
    public int FileType;
    public int OutputTensorType;
    public int TokenEmbeddingType;
    public byte AllowRequantize;
    public byte QuantizeOutputTensor;
    public byte OnlyCopy;
    public byte Pure;
    public byte KeepSplit;
    public byte DryRun;
    public IntPtr ImportanceMatrix;
    public IntPtr KvOverrides;
    public IntPtr TensorTypeOverrides;
    public IntPtr PruneLayers;
    public nuint MaxBufferSize;
}

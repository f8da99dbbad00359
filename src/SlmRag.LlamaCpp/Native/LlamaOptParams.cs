using System.Runtime.InteropServices;

namespace SlmRag.LlamaCpp.Native;

/// <summary><c>struct llama_opt_params</c> (48 bytes on 64-bit: 4 bytes of padding after the uint32, 4 at the end).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LlamaOptParams
{
    /// <summary>0: the context size. Must stay 0: llama_opt_epoch walks the dataset with this length.</summary>
    public uint ContextTrain;
    public IntPtr ParamFilter;
    public IntPtr ParamFilterUserData;
    public IntPtr GetOptimizerParams;
    public IntPtr GetOptimizerParamsUserData;
    public int OptimizerType;
}

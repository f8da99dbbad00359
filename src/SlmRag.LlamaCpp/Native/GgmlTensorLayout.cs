using System.Runtime.InteropServices;

namespace SlmRag.LlamaCpp.Native;

/// <summary>
/// Offsets into <c>struct ggml_tensor</c> (ggml.h of node-llama-cpp 3.22.1, 336 bytes on 64-bit) for the fields
/// ggml has no accessor for. A layout test checks them against tensors the real library builds.
/// </summary>
internal static unsafe class GgmlTensorLayout
{
    public const int Size = 336;
    public const int NeOffset = 16;
    public const int SrcOffset = 152;
    public const int DataOffset = 248;
    public const int NameOffset = 256;

    public static long Ne(IntPtr tensor, int dimension) => ((long*)(tensor + NeOffset))[dimension];

    public static IntPtr Source(IntPtr tensor, int index) => ((IntPtr*)(tensor + SrcOffset))[index];

    public static string Name(IntPtr tensor) => Marshal.PtrToStringUTF8(tensor + NameOffset) ?? string.Empty;
}

using System.Runtime.InteropServices;

namespace SlmRag.LlamaCpp.Native;

/// <summary><c>struct ggml_init_params</c> (24 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GgmlInitParams
{
    public nuint MemorySize;
    public IntPtr MemoryBuffer;
    public byte NoAlloc;
}

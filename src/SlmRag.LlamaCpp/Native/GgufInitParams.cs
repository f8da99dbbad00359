using System.Runtime.InteropServices;

namespace SlmRag.LlamaCpp.Native;

/// <summary><c>struct gguf_init_params</c> (16 bytes): no_alloc, then an optional ggml_context** (null: metadata only).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct GgufInitParams
{
    public byte NoAlloc;
    public IntPtr Context;
}
